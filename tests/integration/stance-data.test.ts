import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { buildStancePanels } from "@/lib/charts/stance-series";
import { listStanceCodings, listTrackedTargets } from "@/lib/data/stance";
import { listEvents } from "@/lib/data/events";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";

const db = createPrismaClient(inject("databaseUrl"), { maxConnections: 2 });
const reader = { id: "reader", role: "VIEWER" as const };
afterAll(() => db.$disconnect());

describe("the stance data behind the first page", () => {
  it("charts a new target's codings, averaging coders and leaving out deleted codings and statements", async () => {
    const target = await createActor(db, { name: "Test Target", isTrackedTarget: true });
    const speaker = await createActor(db, { name: "Test Speaker" });
    const [first, second] = [await createUser(db), await createUser(db)];
    const source = await createSource(db, "The minister said: “We seek calm.” Later he added: “We will respond.”");
    const calm = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm.", saidOn: "2024-10-27" });
    const respond = await createStatement(db, { source, speakerId: speaker.id, quote: "We will respond.", saidOn: "2024-10-28" });
    await createStanceCoding(db, { statement: calm, targetId: target.id, coderId: first!.id, score: 2 });
    await createStanceCoding(db, { statement: calm, targetId: target.id, coderId: second!.id, score: 1 });
    const deletedCoding = await createStanceCoding(db, { statement: respond, targetId: target.id, coderId: first!.id, score: -3 });

    await expect(listTrackedTargets(null)).rejects.toThrowError("Sign in to continue.");
    const targets = await listTrackedTargets(reader);
    expect(targets.map((tracked) => tracked.name)).toContain("Test Target");

    let panel = buildStancePanels(await listStanceCodings(reader, [target.id]), [target])[0]!;
    expect(panel.series[0]!.points.map((point) => [point.saidOn, point.score])).toEqual([
      ["2024-10-27", 1.5],
      ["2024-10-28", -3],
    ]);

    await db.stanceCoding.update({ where: { id: deletedCoding.id }, data: { deletedAt: new Date() } });
    panel = buildStancePanels(await listStanceCodings(reader, [target.id]), [target])[0]!;
    expect(panel.series[0]!.points.map((point) => point.score)).toEqual([1.5]);
    expect(panel.codingCount).toBe(2);

    await db.statement.update({ where: { id: calm.id }, data: { deletedAt: new Date() } });
    expect(await listStanceCodings(reader, [target.id])).toEqual([]);

    // Tidy up so the seeded charts of other tests see only the seed's tracked targets.
    await db.actor.update({ where: { id: target.id }, data: { isTrackedTarget: false } });
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

  it("lists events in date order, without deleted ones", async () => {
    const events = await listEvents(reader);
    const dates = events.map((event) => event.occurredOn);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe("2015-07-14");
    const deleted = await db.event.create({
      data: {
        slug: "deleted-test-event",
        title: "Deleted",
        kind: "OTHER",
        occurredOn: new Date("2020-01-01T00:00:00Z"),
        description: "x",
        deletedAt: new Date(),
      },
    });
    expect((await listEvents(reader)).map((event) => event.id)).not.toContain(deleted.id);
  });
});
