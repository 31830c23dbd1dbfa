import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { listTrackedTargets } from "@/lib/data/stance";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
const reader = { id: "reader", role: "VIEWER" as const };
afterAll(() => db.$disconnect());

describe("the stance data behind the first page", () => {
  it("lists the tracked targets to readers, and nothing to the anonymous", async () => {
    await expect(listTrackedTargets(null)).rejects.toThrowError("Sign in to continue.");
    expect((await listTrackedTargets(reader)).map((target) => target.name)).toEqual(
      expect.arrayContaining(["Europe", "Israel", "United States"]),
    );
  });

  it("keeps a coding's copy of its statement's speaker and date in step (composite key, ON UPDATE CASCADE)", async () => {
    const speaker = await createActor(db);
    const other = await createActor(db);
    const target = await createActor(db);
    const coder = await createUser(db);
    const source = await createSource(db);
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
    const coding = await createStanceCoding(db, { statement, targetId: target.id, coderId: coder.id, score: 1 });

    await db.statement.update({ where: { id: statement.id }, data: { speakerId: other.id, saidOn: new Date("2024-11-01T00:00:00Z") } });
    const moved = await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } });
    expect(moved.speakerId).toBe(other.id);
    expect(moved.saidOn.toISOString().slice(0, 10)).toBe("2024-11-01");

    // A coding cannot claim a speaker its statement does not have.
    await expect(db.stanceCoding.update({ where: { id: coding.id }, data: { speakerId: speaker.id } })).rejects.toThrow();
  });

  it("allows one live coding per statement, target and coder, and another once that one is deleted", async () => {
    const speaker = await createActor(db);
    const target = await createActor(db);
    const coder = await createUser(db);
    const source = await createSource(db);
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
    const first = await createStanceCoding(db, { statement, targetId: target.id, coderId: coder.id, score: 1 });
    await expect(createStanceCoding(db, { statement, targetId: target.id, coderId: coder.id, score: 2 })).rejects.toThrow();
    await db.stanceCoding.update({ where: { id: first.id }, data: { deletedAt: new Date() } });
    await expect(createStanceCoding(db, { statement, targetId: target.id, coderId: coder.id, score: 2 })).resolves.toMatchObject({
      score: 2,
    });
  });
});
