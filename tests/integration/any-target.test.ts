import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { createStanceCoding, listCodingFilterOptions } from "@/lib/data/codings";
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

  it("offers a blind coder only the targets of codings they see, so no picker names a target only others' hidden codings have", async () => {
    const [coder, blindCoder, adjudicator] = [
      await createUser(db, "ANALYST"),
      await createUser(db, "ANALYST"),
      await createUser(db, "ANALYST"),
    ];
    await db.user.update({ where: { id: adjudicator.id }, data: { isAdjudicator: true } });
    const [speaker, hidden, own] = [await createActor(db), await createActor(db, { name: "Hidden Qatar" }), await createActor(db)];
    const source = await createSource(db);
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
    const coding = { statementId: statement.id, score: 1, isConditional: false, confidence: "MEDIUM" as const, rationale: "Calm." };
    await createStanceCoding({ id: coder.id, role: "ANALYST" }, { ...coding, targetId: hidden.id });
    const offered = async (user: { id: string; role: "ANALYST" | "ADMIN" | "VIEWER"; isAdjudicator?: boolean }) => {
      const dashboard = (await getDashboard(user, defaultDashboardView)).options.targets.map((target) => target.id);
      const codings = (await listCodingFilterOptions(user)).targets.map((target) => target.slug);
      const slugs = await db.actor.findMany({ where: { id: { in: dashboard } }, select: { slug: true } });
      expect(codings.sort()).toEqual(slugs.map((actor) => actor.slug).sort());
      return new Set(dashboard);
    };
    const asBlindCoder = { id: blindCoder.id, role: "ANALYST" as const };

    expect((await offered(asBlindCoder)).has(hidden.id)).toBe(false);
    // Those who see every coding are offered it: an adjudicator, an administrator, a viewer.
    expect((await offered({ id: adjudicator.id, role: "ANALYST", isAdjudicator: true })).has(hidden.id)).toBe(true);
    expect((await offered({ id: "reader", role: "VIEWER" })).has(hidden.id)).toBe(true);
    // Their own codings' targets are offered; a target others coded on a statement they coded, which they then see, is
    // not (finding those reads every coding of every statement they coded; lib/data/coded-targets.ts).
    await createStanceCoding(asBlindCoder, { ...coding, targetId: own.id });
    const afterCoding = await offered(asBlindCoder);
    expect([afterCoding.has(own.id), afterCoding.has(hidden.id)]).toEqual([true, false]);
    // A source coded openly shows its codings to everyone.
    const openSource = await createSource(db);
    await db.source.update({ where: { id: openSource.id }, data: { blindCoding: false } });
    const openStatement = await createStatement(db, { source: openSource, speakerId: speaker.id, quote: "We seek calm," });
    const openTarget = await createActor(db);
    await createStanceCoding({ id: coder.id, role: "ANALYST" }, { ...coding, statementId: openStatement.id, targetId: openTarget.id });
    const third = { id: (await createUser(db, "ANALYST")).id, role: "ANALYST" as const };
    const thirdOffered = await offered(third);
    expect([thirdOffered.has(openTarget.id), thirdOffered.has(hidden.id), thirdOffered.has(own.id)]).toEqual([true, false, false]);
  });
});
