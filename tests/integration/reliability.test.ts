// The reliability report's uncertainty and diagnostics against a real database, on a fresh target coded by two fresh coders.
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { adjudicate, getReliabilityReport, scoreScale } from "@/lib/data/reliability";
import { krippendorffAlpha } from "@/lib/reliability/krippendorff";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

describe("the reliability report", () => {
  it("gives every alpha a reproducible interval, flags too few units, and lists pair matrices, coder deviations and 1-point disagreements", async () => {
    const speaker = await createActor(db);
    const target = await createActor(db, { name: `Reliability target ${Date.now()}` });
    const first = await createUser(db);
    const second = await createUser(db);
    const admin = await createUser(db, "ADMIN");
    const source = await createSource(db, `Reliability ${target.slug}: One. Two. Three.`);
    const scores: [string, number, number][] = [
      ["One.", 2, 1],
      ["Two.", -1, -1],
      ["Three.", 3, 0],
    ];
    const statements = [];
    for (const [quote, a, b] of scores) {
      const statement = await createStatement(db, { source, speakerId: speaker.id, quote });
      statements.push(statement);
      await createStanceCoding(db, { statement, targetId: target.id, coderId: first.id, score: a });
      await createStanceCoding(db, { statement, targetId: target.id, coderId: second.id, score: b });
    }
    await adjudicate(
      { id: admin.id, role: "ADMIN" },
      { statementId: statements[2]!.id, targetId: target.id, score: 1, rationale: "settled", version: null },
    );

    const report = await getReliabilityReport({ id: admin.id, role: "ADMIN" });
    const figure = report.perTarget.find((candidate) => candidate.targetId === target.id)!;
    const alpha = krippendorffAlpha(
      scores.map(([, a, b]) => [a, b]),
      "ordinal",
    ).alpha!;
    expect(figure.alpha).toBeCloseTo(alpha, 12);
    expect(figure).toMatchObject({ units: 3, tooFewUnits: true, withinOnePoint: { agreeingUnits: 2, units: 3 } });
    expect(figure.interval!.lower).toBeLessThanOrEqual(alpha);
    expect(figure.interval!.upper).toBeGreaterThanOrEqual(alpha);
    // Seeded: the same codings give the same interval on every view.
    const again = await getReliabilityReport({ id: admin.id, role: "ADMIN" });
    expect(again.perTarget.find((candidate) => candidate.targetId === target.id)!.interval).toEqual(figure.interval);
    expect(report.overall.interval).not.toBeNull();

    const pair = report.perPair.find((candidate) => candidate.coders.includes(first.id) && candidate.coders.includes(second.id))!;
    expect(pair).toMatchObject({ units: 3, tooFewUnits: true, withinOnePoint: { agreeingUnits: 2, units: 3 } });
    const [rowCoder] = pair.coders;
    const cell = (a: number, b: number) => pair.confusion[scoreScale.indexOf(a)]![scoreScale.indexOf(b)];
    // Rows are the first coder (by id) of the pair.
    for (const [, a, b] of scores) expect(rowCoder === first.id ? cell(a, b) : cell(b, a)).toBe(1);
    expect(pair.confusion.flat().reduce((sum, count) => sum + count, 0)).toBe(3);

    // Against the median of each pair (1.5, −1) and the adjudicated 1: first +0.5, 0, +2; second −0.5, 0, −1.
    const deviations = Object.fromEntries(report.coderDeviations.map((deviation) => [deviation.coderId, deviation]));
    expect(deviations[first.id]).toMatchObject({ units: 3, meanDeviation: expect.closeTo(2.5 / 3, 12) });
    expect(deviations[second.id]).toMatchObject({ units: 3, meanDeviation: expect.closeTo(-0.5, 12), meanAbsoluteDeviation: 0.5 });

    // "One." is one point apart: listed apart from the disagreements, and withheld from coders like them.
    expect(report.onePointDisagreements!.map((row) => row.statementId)).toContain(statements[0]!.id);
    expect(report.onePointDisagreements!.map((row) => row.statementId)).not.toContain(statements[2]!.id);
    expect(report.disagreements!.map((row) => row.statementId)).toContain(statements[2]!.id);
    const asCoder = await getReliabilityReport({ id: first.id, role: "ANALYST" });
    expect(asCoder.onePointDisagreements).toBeNull();
    expect(asCoder.disagreements).toBeNull();
  });

  it("counts for a blind coder only the codings they may see, so no figure tells them others' scores of what they have yet to code", async () => {
    const speaker = await createActor(db);
    const target = await createActor(db, { name: `Blind reliability target ${Date.now()}` });
    const [first, second, blindCoder] = [await createUser(db), await createUser(db), await createUser(db)];
    const source = await createSource(db, `Blind reliability ${target.slug}: Four.`);
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "Four." });
    await createStanceCoding(db, { statement, targetId: target.id, coderId: first.id, score: 3 });
    await createStanceCoding(db, { statement, targetId: target.id, coderId: second.id, score: -3 });
    const pairOf = (report: Awaited<ReturnType<typeof getReliabilityReport>>) =>
      report.perPair.find((pair) => pair.coders.includes(first.id) && pair.coders.includes(second.id));
    const blind = { id: blindCoder.id, role: "ANALYST" as const };

    const before = await getReliabilityReport(blind);
    expect(before.countsEveryCoding).toBe(false);
    expect(pairOf(before)).toBeUndefined();
    expect(before.perTarget.find((figure) => figure.targetId === target.id)).toBeUndefined();
    // Everyone else sees the pair: 3 against −3 in their confusion matrix.
    const everyone = await getReliabilityReport({ id: first.id, role: "VIEWER" });
    expect(everyone.countsEveryCoding).toBe(true);
    expect(pairOf(everyone)!.units).toBe(1);

    // Once they have coded the statement, its codings count for them too.
    await createStanceCoding(db, { statement, targetId: target.id, coderId: blindCoder.id, score: 0 });
    expect(pairOf(await getReliabilityReport(blind))!.units).toBe(1);
  });
});
