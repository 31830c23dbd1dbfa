import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { createStanceCoding } from "@/lib/data/codings";
import { getDashboard } from "@/lib/data/dashboard";
import { defaultDashboardView } from "@/lib/dashboard/view";
import { ValidationError } from "@/lib/errors";
import { createActor, createSource, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

describe("coding toward any actor", () => {
  it("accepts a coding toward an untracked actor; the dashboard's target filter then lists it, tracked targets first", async () => {
    const analyst = await createUser(db, "ANALYST");
    const acting = { id: analyst.id, role: analyst.role };
    const [speaker, untracked, uncoded] = [await createActor(db), await createActor(db, { name: "Untracked Oman" }), await createActor(db)];
    const source = await createSource(db);
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });

    const before = await getDashboard(acting, defaultDashboardView);
    expect(before.options.targets.map((target) => target.id)).not.toContain(untracked.id);

    const coding = await createStanceCoding(acting, {
      statementId: statement.id,
      targetId: untracked.id,
      score: 1,
      isConditional: false,
      confidence: "MEDIUM",
      rationale: "Calls for calm toward Oman.",
    });
    expect(coding.target).toEqual({ id: untracked.id, name: "Untracked Oman" });
    expect((await db.actor.findUniqueOrThrow({ where: { id: untracked.id } })).isTrackedTarget).toBe(false);

    const after = await getDashboard(acting, defaultDashboardView);
    const targetIds = after.options.targets.map((target) => target.id);
    expect(targetIds).toContain(untracked.id);
    expect(targetIds).not.toContain(uncoded.id);
    const tracked = await db.actor.findMany({ where: { isTrackedTarget: true, deletedAt: null }, select: { id: true } });
    expect(targetIds.slice(0, tracked.length).sort()).toEqual(tracked.map((actor) => actor.id).sort());
    // The default view still charts the tracked targets only.
    expect(after.series.series.every((series) => tracked.some((actor) => actor.id === series.target.id))).toBe(true);
    // The speaker is never a target of their own statement.
    await expect(
      createStanceCoding(acting, {
        statementId: statement.id,
        targetId: speaker.id,
        score: 0,
        isConditional: false,
        confidence: "LOW",
        rationale: "x",
      }),
    ).rejects.toThrowError(ValidationError);
  });
});
