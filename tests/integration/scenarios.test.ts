// Scenario analysis against a real database: indicators evaluated on
// hand-computed codings, estimates and their scores, and the evidence matrix.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { createIndicator, deleteIndicator, listIndicators } from "@/lib/data/indicators";
import { addEvidence, assessEvidence, getEvidenceMatrix, updateEvidence } from "@/lib/data/evidence";
import { getScenario, listScenarioSets, recordEstimate, updateScenarioStatus, withdrawEstimate } from "@/lib/data/scenarios";
import { getTrackRecord } from "@/lib/data/track-record";
import { updateStanceCoding } from "@/lib/data/codings";
import { estimateCreationSchema, indicatorCreationSchema } from "@/lib/scenarios/schemas";
import {
  createActor,
  createScenario,
  createScenarioSet,
  createSource,
  createStanceCoding,
  createStatement,
  createUser,
} from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
const reader = { id: "reader", role: "VIEWER" as const };
afterAll(() => db.$disconnect());

// A state S with one representative A, and a target T.
//   a1 A 2024-05-01 → T: coders 2 and 2 → 2
//   a2 A 2024-05-05 → T: −1
//   a3 A 2024-05-07 → T: +3, but the coding is deleted
//   s1 S 2024-05-10 → T: +1
const world = {} as {
  state: { id: string; slug: string };
  representative: { id: string; slug: string };
  target: { id: string; slug: string };
  analyst: { id: string; role: "ANALYST" };
  colleague: { id: string; role: "ANALYST" };
  set: { id: string; slug: string };
  scenario: { id: string; slug: string };
  rival: { id: string; slug: string };
  statements: Record<string, { id: string; speakerId: string; saidOn: Date }>;
  codingA2: { id: string };
};

beforeAll(async () => {
  world.state = await createActor(db, { name: "Indicator State" });
  world.representative = await createActor(db, { name: "Indicator Minister", speaksForId: world.state.id });
  world.target = await createActor(db, { name: "Indicator Target" });
  const first = await createUser(db);
  const second = await createUser(db);
  world.analyst = { id: first.id, role: "ANALYST" };
  world.colleague = { id: second.id, role: "ANALYST" };
  const source = await createSource(db, `Indicators ${world.state.slug}: One. Two. Three. Four.`);
  const a1 = await createStatement(db, { source, speakerId: world.representative.id, quote: "One.", saidOn: "2024-05-01" });
  const a2 = await createStatement(db, { source, speakerId: world.representative.id, quote: "Two.", saidOn: "2024-05-05" });
  const a3 = await createStatement(db, { source, speakerId: world.representative.id, quote: "Three.", saidOn: "2024-05-07" });
  const s1 = await createStatement(db, { source, speakerId: world.state.id, quote: "Four.", saidOn: "2024-05-10" });
  world.statements = { a1, a2, a3, s1 };
  await createStanceCoding(db, { statement: a1, targetId: world.target.id, coderId: first.id, score: 2 });
  await createStanceCoding(db, { statement: a1, targetId: world.target.id, coderId: second.id, score: 2 });
  world.codingA2 = await createStanceCoding(db, { statement: a2, targetId: world.target.id, coderId: first.id, score: -1 });
  const deleted = await createStanceCoding(db, { statement: a3, targetId: world.target.id, coderId: first.id, score: 3 });
  await db.stanceCoding.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
  await createStanceCoding(db, { statement: s1, targetId: world.target.id, coderId: first.id, score: 1 });
  world.set = await createScenarioSet(db);
  world.scenario = await createScenario(db, world.set.id, { title: "The calm holds" });
  world.rival = await createScenario(db, world.set.id, { title: "The calm breaks" });
});

function meanRule(includeRepresentatives: boolean, threshold = 0.5) {
  return {
    kind: "MEAN_STANCE" as const,
    speakers: { actorSlug: world.state.slug, includeRepresentatives },
    targetSlug: world.target.slug,
    windowDays: 7,
    comparison: "AT_LEAST" as const,
    threshold,
  };
}

describe("indicators", () => {
  it("evaluates a mean-stance rule over an N-day window ending on the as-of day, leaving out deleted codings", async () => {
    const { id } = await createIndicator(world.analyst, {
      scenarioId: world.scenario.id,
      title: "State warms to the target",
      effect: "SUPPORTS",
      rule: meanRule(true),
    });
    const valueOn = async (asOf: string) =>
      (await listIndicators(reader, world.scenario.id, asOf)).find((indicator) => indicator.id === id)!;

    // 05-01..05-07: a1 (2) and a2 (−1); a3's coding is deleted → 0.5, exactly the threshold, so triggered.
    expect(await valueOn("2024-05-07")).toMatchObject({ value: 0.5, triggered: true });
    // 05-02..05-08: a1 has left the window → −1.
    expect(await valueOn("2024-05-08")).toMatchObject({ value: -1, triggered: false });
    // 05-04..05-10: a2 (−1) and s1 (+1) → 0.
    expect((await valueOn("2024-05-10")).value).toBe(0);
    const latest = await valueOn("2024-05-12");
    // 05-06..05-12: s1 alone → +1; it last flipped that day, when a2 left the window.
    expect(latest).toMatchObject({ value: 1, triggered: true, lastChange: { on: "2024-05-12", triggered: true } });
    expect(latest.history).toHaveLength(90);
    expect(latest.history.at(-1)).toEqual({ on: "2024-05-12", value: 1 });
    expect(latest.history.find((day) => day.on === "2024-04-30")).toEqual({ on: "2024-04-30", value: null });
    expect(latest.description).toBe(
      "Mean stance of Indicator State and those who speak for it toward Indicator Target over the last 7 days is at least +0.5",
    );

    await deleteIndicator(world.analyst, id, 1);
    expect((await listIndicators(reader, world.scenario.id, "2024-05-12")).map((indicator) => indicator.id)).not.toContain(id);
  });

  it("counts a month-precision statement from the last day of its month: not in a window ending mid-month", async () => {
    const speaker = await createActor(db, { name: "June Speaker" });
    const target = await createActor(db, { name: "June Target" });
    const source = await createSource(db, `June ${speaker.slug}: Some time in June.`);
    const inJune = await createStatement(db, {
      source,
      speakerId: speaker.id,
      quote: "Some time in June.",
      saidOn: "2024-06-01",
      saidOnPrecision: "MONTH",
    });
    await createStanceCoding(db, { statement: inJune, targetId: target.id, coderId: world.analyst.id, score: 3 });
    const { id } = await createIndicator(world.analyst, {
      scenarioId: world.rival.id,
      title: "June warmth",
      effect: "SUPPORTS",
      rule: {
        ...meanRule(false, 1),
        speakers: { actorSlug: speaker.slug, includeRepresentatives: false },
        targetSlug: target.slug,
        windowDays: 30,
      },
    });
    const valueOn = async (asOf: string) => (await listIndicators(reader, world.rival.id, asOf)).find((indicator) => indicator.id === id)!;
    // 17 May–15 June: stored on 1 June, but not certainly said by the 15th, so no data.
    expect(await valueOn("2024-06-15")).toMatchObject({ value: null, triggered: null });
    // 1–30 June holds the whole month; 30 June–29 July still holds its last day; 1–30 July does not.
    const late = await valueOn("2024-07-30");
    expect(late).toMatchObject({ value: null, lastChange: { on: "2024-07-30", triggered: false } });
    expect(late.history.filter((day) => day.value !== null).map((day) => day.on)).toEqual(
      Array.from({ length: 30 }, (_, index) => `2024-${index === 0 ? "06-30" : `07-${String(index).padStart(2, "0")}`}`),
    );
    expect((await valueOn("2024-06-30")).value).toBe(3);
  });

  it("counts only the named actor without representatives, and reports no data as such", async () => {
    const { id } = await createIndicator(world.analyst, {
      scenarioId: world.rival.id,
      title: "The state alone",
      effect: "UNDERMINES",
      rule: meanRule(false),
    });
    const valueOn = async (asOf: string) => (await listIndicators(reader, world.rival.id, asOf)).find((indicator) => indicator.id === id)!;
    expect(await valueOn("2024-05-07")).toMatchObject({ value: null, triggered: null });
    expect(await valueOn("2024-05-12")).toMatchObject({ value: 1, triggered: true });
  });

  it("counts statements meeting a score condition within the window", async () => {
    const { id } = await createIndicator(world.analyst, {
      scenarioId: world.rival.id,
      title: "Hostile statements",
      effect: "SUPPORTS",
      rule: {
        kind: "STATEMENT_COUNT",
        speakers: { actorSlug: world.state.slug, includeRepresentatives: true },
        targetSlug: world.target.slug,
        windowDays: 7,
        scoreComparison: "AT_MOST",
        scoreThreshold: -1,
        comparison: "AT_LEAST",
        threshold: 1,
      },
    });
    const valueOn = async (asOf: string) => (await listIndicators(reader, world.rival.id, asOf)).find((indicator) => indicator.id === id)!;
    // a2 (−1, said 05-05) is in 05-05..05-11 but not in 05-06..05-12.
    expect(await valueOn("2024-05-11")).toMatchObject({ value: 1, triggered: true });
    expect(await valueOn("2024-05-12")).toMatchObject({ value: 0, triggered: false, lastChange: { on: "2024-05-12", triggered: false } });
  });

  it("refuses an unknown actor, an empty window and an impossible threshold with messages naming the field", async () => {
    await expect(
      createIndicator(world.analyst, {
        scenarioId: world.scenario.id,
        title: "Typo",
        effect: "SUPPORTS",
        rule: { ...meanRule(true), targetSlug: "no-such-actor" },
      }),
    ).rejects.toMatchObject({ status: 422, fieldErrors: { "rule.targetSlug": "names no known actor (“no-such-actor”)" } });

    const parse = (rule: object) =>
      indicatorCreationSchema.safeParse({ scenarioId: world.scenario.id, title: "Bad", effect: "SUPPORTS", rule }).error?.issues;
    expect(parse({ ...meanRule(true), windowDays: 0 })).toEqual([
      expect.objectContaining({ path: ["rule", "windowDays"], message: "the window must be at least one day" }),
    ]);
    expect(parse({ ...meanRule(true), threshold: 3.5 })![0]!.message).toMatch(/impossible/);
    await expect(
      createIndicator(reader, { scenarioId: world.scenario.id, title: "x", effect: "SUPPORTS", rule: meanRule(true) }),
    ).rejects.toMatchObject({
      status: 403,
    });
  });
});

/** The server's clock reads noon (UTC) on this day: estimates are dated by it. Only Date is faked, so timers still run. */
function setServerDay(day: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(`${day}T12:00:00Z`));
}

describe("estimates and scores", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("drops from an estimate's list the statements and events deleted since, and the statements of deleted sources", async () => {
    const set = await createScenarioSet(db);
    const scenario = await createScenario(db, set.id, { horizonOn: "2024-06-30" });
    const speaker = await createActor(db);
    const statementWithSource = async (quote: string) => {
      const source = await createSource(db, `Linked records. ${quote} The end.`);
      return { source, statement: await createStatement(db, { source, speakerId: speaker.id, quote }) };
    };
    const kept = await statementWithSource("We stay.");
    const deleted = await statementWithSource("We go.");
    const ofDeletedSource = await statementWithSource("We vanish.");
    const event = (title: string) =>
      db.event.create({
        data: {
          slug: `linked-${title.toLowerCase()}-${set.slug}`,
          title,
          kind: "DIPLOMATIC",
          occurredOn: new Date("2024-05-02"),
          description: "x",
        },
      });
    const [keptEvent, deletedEvent] = [await event("Talks"), await event("Walkout")];
    setServerDay("2024-05-02");
    await recordEstimate(world.analyst, scenario.id, {
      rationale: "reasons",
      informationAsOf: null,
      probability: 0.4,
      movedByStatementIds: [kept.statement.id, deleted.statement.id, ofDeletedSource.statement.id],
      movedByEventIds: [keptEvent.id, deletedEvent.id],
    });
    await db.statement.update({ where: { id: deleted.statement.id }, data: { deletedAt: new Date() } });
    await db.source.update({ where: { id: ofDeletedSource.source.id }, data: { deletedAt: new Date() } });
    await db.event.update({ where: { id: deletedEvent.id }, data: { deletedAt: new Date() } });

    const [estimate] = (await getScenario(world.analyst, scenario.slug)).estimates;
    expect(estimate!.movedByStatements.map((statement) => statement.quote)).toEqual(["We stay."]);
    expect(estimate!.movedByEvents.map((marker) => marker.title)).toEqual(["Talks"]);

    // Restored, they are back in its list; and the lane's database is left with no estimate naming a deleted record
    // (a bundle leaves those names out, so importing the database's own bundle back would find this estimate changed).
    await db.statement.update({ where: { id: deleted.statement.id }, data: { deletedAt: null } });
    await db.source.update({ where: { id: ofDeletedSource.source.id }, data: { deletedAt: null } });
    await db.event.update({ where: { id: deletedEvent.id }, data: { deletedAt: null } });
    const [restored] = (await getScenario(world.analyst, scenario.slug)).estimates;
    expect(restored!.movedByStatements).toHaveLength(3);
    expect(restored!.movedByEvents).toHaveLength(2);
  });

  it("records estimates, refuses a second on the same day, moves the team median and scores everyone on resolution", async () => {
    const set = await createScenarioSet(db);
    const scenario = await createScenario(db, set.id, { horizonOn: "2024-06-30" });
    const event = await db.event.create({
      data: {
        slug: `estimate-event-${set.slug}`,
        title: "Talks",
        kind: "DIPLOMATIC",
        occurredOn: new Date("2024-05-02T00:00:00Z"),
        description: "x",
      },
    });
    const base = { rationale: "reasons", informationAsOf: null, movedByStatementIds: [], movedByEventIds: [] };
    setServerDay("2024-05-01");
    await recordEstimate(world.analyst, scenario.id, { ...base, probability: 0.7 });
    setServerDay("2024-05-02");
    const second = await recordEstimate(world.colleague, scenario.id, {
      ...base,
      probability: 0.3,
      movedByStatementIds: [world.statements.a1!.id],
      movedByEventIds: [event.id],
    });
    expect(second.movedByStatements.map((statement) => statement.quote)).toEqual(["One."]);
    expect(second.movedByEvents.map((marker) => marker.title)).toEqual(["Talks"]);
    await expect(recordEstimate(world.colleague, scenario.id, { ...base, probability: 0.9 })).rejects.toMatchObject({
      status: 409,
    });
    setServerDay("2024-05-03");
    await expect(
      recordEstimate(world.analyst, scenario.id, { ...base, probability: 0.9, movedByEventIds: ["missing"] }),
    ).rejects.toMatchObject({ status: 422 });
    await recordEstimate(world.analyst, scenario.id, { ...base, probability: 0.9 });

    let detail = await getScenario(world.analyst, scenario.slug);
    // 05-01: 0.7 alone; 05-02: median(0.7, 0.3) = 0.5; 05-03: median(0.9, 0.3) = 0.6.
    expect(detail.history.teamMedian.map((point) => [point.on, point.median])).toEqual([
      ["2024-05-01", 0.7],
      ["2024-05-02", 0.5],
      ["2024-05-03", expect.closeTo(0.6, 10)],
    ]);
    expect(detail.events.map((marker) => marker.title)).toContain("Talks");
    expect(detail.brier).toBeNull();
    const summary = (await listScenarioSets(reader)).find((candidate) => candidate.id === set.id)!.scenarios[0]!;
    expect(summary).toMatchObject({ analystCount: 2 });
    expect(summary.teamMedian).toBeCloseTo(0.6, 10);

    await expect(withdrawEstimate(world.colleague, detail.estimates[0]!.id, 1)).rejects.toMatchObject({ status: 403 });

    setServerDay("2024-05-04");
    await updateScenarioStatus(world.analyst, scenario.id, { version: 1, status: "RESOLVED_YES", resolvedOn: "2024-05-04" });
    await expect(
      updateScenarioStatus(world.analyst, scenario.id, { version: 1, status: "WITHDRAWN", resolvedOn: null }),
    ).rejects.toMatchObject({
      status: 409,
    });
    detail = await getScenario(reader, scenario.slug);
    // As of a day at either end of the calendar, and not year 0, which the scenario page once passed on: a 500.
    expect((await getScenario(reader, scenario.slug, { asOf: "0001-01-05" })).asOf).toBe("0001-01-05");
    expect((await getScenario(reader, scenario.slug, { asOf: "9999-12-31" })).asOf).toBe("9999-12-31");
    await expect(getScenario(reader, scenario.slug, { asOf: "0000-06-15" })).rejects.toThrowError(
      /“asOf” must be a real date from 0001-01-01/,
    );
    // Brier on the 0–2 scale, 2(p − o)²: the 0–1 figures doubled.
    // Analyst: 0.7 on 05-01 and 05-02, 0.9 on 05-03 and 05-04 → 2 × (0.09 + 0.09 + 0.01 + 0.01) / 4 = 0.1.
    // Colleague: 0.3 from 05-02 to 05-04 → 2 × 0.49 = 0.98. Team median: 0.7, 0.5, 0.6, 0.6 →
    // 2 × (0.09 + 0.25 + 0.16 + 0.16) / 4 = 0.33.
    const scores = Object.fromEntries(detail.brier!.analysts.map((entry) => [entry.analystId, entry]));
    expect(scores[world.analyst.id]!.brier).toBeCloseTo(0.1, 10);
    expect(scores[world.colleague.id]!.brier).toBeCloseTo(0.98, 10);
    expect(detail.brier!.team!.brier).toBeCloseTo(0.33, 10);
    // Over the question's four days the colleague's missing 05-01 takes that day's median score, the analyst's 0.18:
    // (0.18 + 3 × 0.98) / 4 = 0.78.
    expect(scores[world.colleague.id]).toMatchObject({ questionBrier: expect.closeTo(0.78, 10), questionDays: 4 });
    setServerDay("2024-05-05");
    await expect(recordEstimate(world.analyst, scenario.id, { ...base, probability: 0.5 })).rejects.toMatchObject({
      status: 409,
    });
  });

  it("dates an estimate by the server's clock: a date sent by the client is refused, the information date kept but not scored", async () => {
    const set = await createScenarioSet(db);
    const scenario = await createScenario(db, set.id);
    const request = { probability: 1, rationale: "I knew", estimatedOn: "2020-01-01", movedByStatementIds: [], movedByEventIds: [] };
    const refused = estimateCreationSchema.safeParse(request);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join("."))).toEqual(["estimatedOn"]);
    const farFuture = estimateCreationSchema.safeParse({ ...request, estimatedOn: "2099-01-01" });
    expect(farFuture.success).toBe(false);

    setServerDay("2024-06-10");
    const input = estimateCreationSchema.parse({ ...request, estimatedOn: undefined, informationAsOf: "2020-01-01" });
    const recorded = await recordEstimate(world.analyst, scenario.id, input);
    expect(recorded).toMatchObject({ estimatedOn: "2024-06-10", informationAsOf: "2020-01-01" });
    const stored = await db.scenarioEstimate.findUniqueOrThrow({ where: { id: recorded.id } });
    expect(stored.estimatedOn.toISOString().slice(0, 10)).toBe("2024-06-10");
    // Information from the future is refused, and nothing is stored.
    await expect(recordEstimate(world.colleague, scenario.id, { ...input, informationAsOf: "2024-06-11" })).rejects.toMatchObject({
      status: 422,
      fieldErrors: { informationAsOf: expect.any(String) },
    });
    expect(await db.scenarioEstimate.count({ where: { scenarioId: scenario.id } })).toBe(1);
    // Hostile or malformed information dates never reach the database.
    for (const informationAsOf of ["2024-02-30", "2024-06-10'; DROP TABLE x;--", "10/06/2024", "\u0000", 20240610])
      expect(estimateCreationSchema.safeParse({ ...request, estimatedOn: undefined, informationAsOf }).success).toBe(false);
    // Two estimates at once by one analyst on one day: one is recorded, the other refused.
    const racing = await Promise.allSettled([
      recordEstimate(world.colleague, scenario.id, { ...input, probability: 0.4 }),
      recordEstimate(world.colleague, scenario.id, { ...input, probability: 0.6 }),
    ]);
    expect(racing.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((racing.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect(await db.scenarioEstimate.count({ where: { scenarioId: scenario.id, analystId: world.colleague.id } })).toBe(1);
    // A resolution date in the future is refused too.
    await expect(
      updateScenarioStatus(world.analyst, scenario.id, { version: 1, status: "RESOLVED_YES", resolvedOn: "2024-06-11" }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("freezes a resolved scenario's estimates; reopening it, adding a certain forecast and re-resolving improves nobody's score", async () => {
    const set = await createScenarioSet(db);
    const scenario = await createScenario(db, set.id);
    const base = { rationale: "reasons", informationAsOf: null, movedByStatementIds: [], movedByEventIds: [] };
    setServerDay("2024-07-01");
    const analystFirst = await recordEstimate(world.analyst, scenario.id, { ...base, probability: 0.2 });
    await recordEstimate(world.colleague, scenario.id, { ...base, probability: 0.4 });
    setServerDay("2024-07-05");
    await updateScenarioStatus(world.analyst, scenario.id, { version: 1, status: "RESOLVED_YES", resolvedOn: "2024-07-05" });
    const before = (await getScenario(reader, scenario.slug)).brier!;

    // Withdrawing a forecast that proved wrong would rewrite the score: refused once resolved, and refused for old ones.
    await expect(withdrawEstimate(world.analyst, analystFirst.id, analystFirst.version)).rejects.toMatchObject({ status: 409 });

    // The attack: reopen, record a 100 % "before the event", re-resolve on the same date.
    setServerDay("2024-07-08");
    await updateScenarioStatus(world.colleague, scenario.id, { version: 2, status: "OPEN", resolvedOn: null });
    await expect(withdrawEstimate(world.analyst, analystFirst.id, analystFirst.version)).rejects.toMatchObject({ status: 409 });
    expect(estimateCreationSchema.safeParse({ ...base, probability: 1, estimatedOn: "2024-07-02" }).success).toBe(false);
    const late = await recordEstimate(world.colleague, scenario.id, { ...base, probability: 1, informationAsOf: "2024-07-02" });
    expect(late.estimatedOn).toBe("2024-07-08");
    await updateScenarioStatus(world.colleague, scenario.id, { version: 3, status: "RESOLVED_YES", resolvedOn: "2024-07-05" });
    const after = (await getScenario(reader, scenario.slug)).brier!;
    expect(after.analysts).toEqual(before.analysts);
    expect(after.team).toEqual(before.team);

    // Again, re-resolved on the day of the certain forecasts: the answer was known when they were recorded, so
    // they are shown, marked, and never scored; the days up to the new date keep the forecasts made before it.
    setServerDay("2024-07-09");
    await updateScenarioStatus(world.colleague, scenario.id, { version: 4, status: "OPEN", resolvedOn: null });
    await recordEstimate(world.analyst, scenario.id, { ...base, probability: 1 });
    await recordEstimate(world.colleague, scenario.id, { ...base, probability: 1 });
    await updateScenarioStatus(world.analyst, scenario.id, { version: 5, status: "RESOLVED_YES", resolvedOn: "2024-07-09" });
    const moved = await getScenario(reader, scenario.slug);
    expect(moved.estimates.filter((estimate) => !estimate.scored).map((estimate) => estimate.estimatedOn)).toEqual([
      "2024-07-08",
      "2024-07-09",
      "2024-07-09",
    ]);
    const scoreOf = (id: string) => moved.brier!.analysts.find((entry) => entry.analystId === id)!;
    // Brier on two outcomes: 0.2 on a "yes" scores 2 × 0.8² = 1.28 every day, 0.4 scores 0.72.
    expect(scoreOf(world.analyst.id)).toMatchObject({ estimateCount: 1, daysScored: 9 });
    expect(scoreOf(world.analyst.id).brier).toBeCloseTo(1.28, 10);
    expect(scoreOf(world.colleague.id).brier).toBeCloseTo(0.72, 10);
    const analystsRecord = await getTrackRecord(reader, world.analyst.id);
    expect(analystsRecord.questions.find((question) => question.scenarioId === scenario.id)).toMatchObject({ finalProbability: 0.2 });

    // The reopenings and re-resolutions are in the audit trail.
    const statuses = await db.auditEntry.findMany({ where: { entity: "Scenario", entityId: scenario.id }, orderBy: { id: "asc" } });
    expect(statuses.map((entry) => (entry.after as { status: string }).status)).toEqual([
      "RESOLVED_YES",
      "OPEN",
      "RESOLVED_YES",
      "OPEN",
      "RESOLVED_YES",
    ]);
  });
});

describe("mutually exclusive sets", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows whose estimates do not sum to 100 %, and resolving one yes resolves the open others no in one audited step", async () => {
    const set = await db.scenarioSet.create({
      data: { slug: `exclusive-${Date.now()}`, title: "Exclusive", description: "x", mutuallyExclusive: true },
    });
    const holds = await createScenario(db, set.id, { title: "Holds" });
    const breaks = await createScenario(db, set.id, { title: "Breaks" });
    const withdrawn = await createScenario(db, set.id, { title: "Withdrawn" });
    const base = { rationale: "reasons", informationAsOf: null, movedByStatementIds: [], movedByEventIds: [] };
    setServerDay("2024-09-01");
    await recordEstimate(world.analyst, holds.id, { ...base, probability: 0.7 });
    await recordEstimate(world.analyst, breaks.id, { ...base, probability: 0.5 });
    await recordEstimate(world.colleague, holds.id, { ...base, probability: 0.6 });
    await recordEstimate(world.colleague, breaks.id, { ...base, probability: 0.3 });
    await recordEstimate(world.colleague, withdrawn.id, { ...base, probability: 0.1 });
    await updateScenarioStatus(world.analyst, withdrawn.id, { version: 1, status: "WITHDRAWN", resolvedOn: null });

    const detail = await getScenario(reader, holds.slug);
    expect(detail.set.mutuallyExclusive).toBe(true);
    const totals = Object.fromEntries(detail.setTotals!.map((entry) => [entry.analystId, entry]));
    // 0.7 + 0.5 = 1.2, and the withdrawn scenario not estimated; normalised 0.7 / 1.2.
    expect(totals[world.analyst.id]).toMatchObject({ total: expect.closeTo(1.2, 10), inconsistent: true, missingCount: 1 });
    expect(totals[world.analyst.id]!.normalised![holds.id]).toBeCloseTo(0.7 / 1.2, 10);
    // 0.6 + 0.3 + 0.1 = 1.
    expect(totals[world.colleague.id]).toMatchObject({ total: expect.closeTo(1, 10), inconsistent: false });

    setServerDay("2024-09-05");
    await expect(
      updateScenarioStatus(world.analyst, holds.id, { version: 1, status: "RESOLVED_NO", resolvedOn: "2024-09-05", resolveOthersNo: true }),
    ).rejects.toMatchObject({ status: 422 });
    await updateScenarioStatus(world.analyst, holds.id, {
      version: 1,
      status: "RESOLVED_YES",
      resolvedOn: "2024-09-05",
      resolveOthersNo: true,
    });
    const rows = await db.scenario.findMany({ where: { setId: set.id }, orderBy: { title: "asc" } });
    expect(rows.map((row) => [row.title, row.status, row.resolvedOn?.toISOString().slice(0, 10) ?? null])).toEqual([
      ["Breaks", "RESOLVED_NO", "2024-09-05"],
      ["Holds", "RESOLVED_YES", "2024-09-05"],
      ["Withdrawn", "WITHDRAWN", null],
    ]);
    expect(await db.auditEntry.count({ where: { entity: "Scenario", entityId: breaks.id, userId: world.analyst.id } })).toBe(1);
    // A second "yes" in the set is refused while the first stands.
    await updateScenarioStatus(world.colleague, breaks.id, { version: 2, status: "OPEN", resolvedOn: null });
    await expect(
      updateScenarioStatus(world.colleague, breaks.id, { version: 3, status: "RESOLVED_YES", resolvedOn: "2024-09-05" }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await db.scenario.findUniqueOrThrow({ where: { id: breaks.id } })).status).toBe("OPEN");
  });

  it("lets only one of two scenarios resolved yes at the same moment stand", async () => {
    const set = await db.scenarioSet.create({
      data: { slug: `exclusive-race-${Date.now()}`, title: "Race", description: "x", mutuallyExclusive: true },
    });
    const one = await createScenario(db, set.id);
    const other = await createScenario(db, set.id);
    const results = await Promise.allSettled([
      updateScenarioStatus(world.analyst, one.id, { version: 1, status: "RESOLVED_YES", resolvedOn: "2024-09-05" }),
      updateScenarioStatus(world.colleague, other.id, { version: 1, status: "RESOLVED_YES", resolvedOn: "2024-09-05" }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect((await db.scenario.findMany({ where: { setId: set.id } })).filter((row) => row.status === "RESOLVED_YES")).toHaveLength(1);
  });

  it("refuses to resolve the others no in a set that is not mutually exclusive, changing nothing", async () => {
    const set = await createScenarioSet(db);
    const one = await createScenario(db, set.id);
    const other = await createScenario(db, set.id);
    await expect(
      updateScenarioStatus(world.analyst, one.id, { version: 1, status: "RESOLVED_YES", resolvedOn: "2024-09-05", resolveOthersNo: true }),
    ).rejects.toMatchObject({ status: 422, fieldErrors: { resolveOthersNo: expect.any(String) } });
    expect((await db.scenario.findMany({ where: { setId: set.id } })).map((row) => row.status)).toEqual(["OPEN", "OPEN"]);
    expect(other.id).toBeTruthy();
    expect((await getScenario(reader, one.slug)).setTotals).toBeNull();
  });
});

describe("an analyst's track record", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("scores every resolved scenario the analyst forecast against the team, with calibration and the number of questions", async () => {
    const forecaster = { id: (await createUser(db)).id, role: "ANALYST" as const };
    const teammate = { id: (await createUser(db)).id, role: "ANALYST" as const };
    const set = await createScenarioSet(db);
    const yes = await createScenario(db, set.id, { title: "Came about" });
    const no = await createScenario(db, set.id, { title: "Did not" });
    const open = await createScenario(db, set.id, { title: "Still open" });
    const base = { rationale: "reasons", informationAsOf: null, movedByStatementIds: [], movedByEventIds: [] };
    setServerDay("2024-08-01");
    await recordEstimate(forecaster, yes.id, { ...base, probability: 0.8 });
    await recordEstimate(teammate, yes.id, { ...base, probability: 0.4 });
    await recordEstimate(forecaster, no.id, { ...base, probability: 0.3 });
    await recordEstimate(forecaster, open.id, { ...base, probability: 0.5 });
    setServerDay("2024-08-02");
    await updateScenarioStatus(forecaster, yes.id, { version: 1, status: "RESOLVED_YES", resolvedOn: "2024-08-02" });
    await updateScenarioStatus(forecaster, no.id, { version: 1, status: "RESOLVED_NO", resolvedOn: "2024-08-02" });

    const record = await getTrackRecord(reader, forecaster.id);
    expect(record.questions.map((question) => question.title).sort()).toEqual(["Came about", "Did not"]);
    const byTitle = Object.fromEntries(record.questions.map((question) => [question.title, question]));
    // Came about: 2(0.8 − 1)² = 0.08 on both days; the teammate 2(0.4 − 1)² = 0.72; median (0.08 + 0.72) / 2 = 0.4.
    expect(byTitle["Came about"]).toMatchObject({ brier: expect.closeTo(0.08, 10), relativeBrier: expect.closeTo(-0.32, 10), outcome: 1 });
    // Did not: alone, 2(0.3 − 0)² = 0.18, level with the median (which is the forecaster's own score).
    expect(byTitle["Did not"]).toMatchObject({ brier: expect.closeTo(0.18, 10), relativeBrier: 0, finalProbability: 0.3 });
    expect(record.summary).toMatchObject({ questionCount: 2, meanBrier: expect.closeTo(0.13, 10) });
    // 80 % (came about) and 30 % (did not) each weigh one question.
    expect(record.calibration[8]).toMatchObject({ weight: 1, observedFrequency: 1, questionCount: 1 });
    expect(record.calibration[3]).toMatchObject({ weight: 1, observedFrequency: 0, questionCount: 1 });

    const empty = await getTrackRecord(reader, teammate.id);
    expect(empty.questions).toHaveLength(1);
    await expect(getTrackRecord(reader, "no-such-analyst")).rejects.toMatchObject({ status: 404 });
    await expect(getTrackRecord(null, forecaster.id)).rejects.toMatchObject({ status: 401 });
  });
});

describe("the evidence matrix", () => {
  it("leaves out of the matrix a row whose statement's source was deleted, and brings it back with the source", async () => {
    const set = await createScenarioSet(db);
    const source = await createSource(db, `Matrix rows ${set.slug}: "We hold firm," the envoy said.`);
    const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We hold firm," });
    const { id: row } = await addEvidence(world.analyst, {
      setId: set.id,
      statementId: statement.id,
      eventId: null,
      credibility: "HIGH",
      note: "",
    });
    const rowIds = async () => (await getEvidenceMatrix(reader, set.slug)).rows.map((candidate) => candidate.id);
    expect(await rowIds()).toEqual([row]);
    await db.source.update({ where: { id: source.id }, data: { deletedAt: new Date() } });
    expect(await rowIds()).toEqual([]);
    await db.source.update({ where: { id: source.id }, data: { deletedAt: null } });
    expect(await rowIds()).toEqual([row]);
  });

  it("scores scenarios and rows, refuses a stale rating, and flags a re-coded statement until reviewed", async () => {
    const { id: statementRow } = await addEvidence(world.analyst, {
      setId: world.set.id,
      statementId: world.statements.a2!.id,
      eventId: null,
      credibility: "HIGH",
      note: "",
    });
    await expect(
      addEvidence(world.analyst, {
        setId: world.set.id,
        statementId: world.statements.a2!.id,
        eventId: null,
        credibility: "LOW",
        note: "",
      }),
    ).rejects.toMatchObject({ status: 409 });
    const event = await db.event.create({
      data: {
        slug: `matrix-event-${world.set.slug}`,
        title: "Summit",
        kind: "DIPLOMATIC",
        occurredOn: new Date("2024-05-03T00:00:00Z"),
        description: "x",
      },
    });
    const { id: eventRow } = await addEvidence(world.analyst, {
      setId: world.set.id,
      statementId: null,
      eventId: event.id,
      credibility: "LOW",
      note: "",
    });

    // Statement row (HIGH, weight 2): calm holds C, calm breaks II. Event row (LOW, 0.5): holds I, breaks C.
    await assessEvidence(world.analyst, statementRow, { scenarioId: world.scenario.id, rating: "C", version: null });
    await assessEvidence(world.analyst, statementRow, { scenarioId: world.rival.id, rating: "II", version: null });
    await assessEvidence(world.analyst, eventRow, { scenarioId: world.scenario.id, rating: "I", version: null });
    await assessEvidence(world.analyst, eventRow, { scenarioId: world.rival.id, rating: "C", version: null });
    await expect(
      assessEvidence(world.colleague, eventRow, { scenarioId: world.rival.id, rating: "N", version: null }),
    ).rejects.toMatchObject({
      status: 409,
    });
    expect(await assessEvidence(world.colleague, eventRow, { scenarioId: world.rival.id, rating: "CC", version: 1 })).toEqual({
      rating: "CC",
      version: 2,
    });

    let matrix = await getEvidenceMatrix(reader, world.set.slug);
    const scores = Object.fromEntries(
      matrix.scenarios.map((scenario) => [scenario.title, [scenario.inconsistency, scenario.weightedInconsistency]]),
    );
    // Holds: I on the LOW row → 1 point, × 0.5. Breaks: II on the HIGH row → 2 points, × 2.
    expect(scores).toEqual({ "The calm holds": [1, 0.5], "The calm breaks": [2, 4] });
    const rows = Object.fromEntries(matrix.rows.map((row) => [row.id, row]));
    // C (1) against II (−2) spans 3; I (−1) against CC (2) spans 3.
    expect(rows[statementRow]!.diagnosticity).toBe(3);
    expect(rows[eventRow]!.ratings[world.rival.id]).toBe("CC");
    expect(rows[statementRow]!.recoded).toEqual([]);

    await updateStanceCoding(world.analyst, world.codingA2.id, {
      version: 1,
      score: -3,
      isConditional: false,
      confidence: "HIGH",
      rationale: "re-read",
    });
    matrix = await getEvidenceMatrix(reader, world.set.slug);
    const recoded = matrix.rows.find((row) => row.id === statementRow)!;
    expect(recoded.recoded).toEqual([{ targetName: "Indicator Target", before: -1, after: -3 }]);
    expect(recoded.recodedOutOfSight).toBe(false);
    // A coder still blind to the statement's codings is told to look again, but not toward whom or by how much.
    const blindCoder = { id: (await createUser(db, "ANALYST")).id, role: "ANALYST" as const };
    const seenBlind = (await getEvidenceMatrix(blindCoder, world.set.slug)).rows.find((row) => row.id === statementRow)!;
    expect([seenBlind.recoded, seenBlind.recodedOutOfSight]).toEqual([[], true]);
    expect(JSON.stringify(seenBlind)).not.toContain("Indicator Target");
    // Nor may they mark it reviewed for the team, which would take the change off everyone's matrix unseen.
    await expect(updateEvidence(blindCoder, statementRow, { version: recoded.version, markReviewed: true })).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("Blind coding hides what changed"),
    });

    await updateEvidence(world.analyst, statementRow, { version: recoded.version, markReviewed: true });
    matrix = await getEvidenceMatrix(reader, world.set.slug);
    expect(matrix.rows.find((row) => row.id === statementRow)!.recoded).toEqual([]);
    // Reviewed, the row is quiet for the blind coder too.
    expect((await getEvidenceMatrix(blindCoder, world.set.slug)).rows.find((row) => row.id === statementRow)!.recodedOutOfSight).toBe(
      false,
    );
    await expect(updateEvidence(world.analyst, statementRow, { version: recoded.version, credibility: "LOW" })).rejects.toMatchObject({
      status: 409,
    });

    // A change that moves no mean (a rationale reworded): the blind coder is told to look again, as they must not learn
    // whether it moved anything; those who see the codings are told so and can mark the row reviewed, which no one
    // else could, or the blind coder's notice would stay for good.
    await updateStanceCoding(world.analyst, world.codingA2.id, {
      version: 2,
      score: -3,
      isConditional: false,
      confidence: "HIGH",
      rationale: "re-read, and reworded",
    });
    const rowFor = async (user: Parameters<typeof getEvidenceMatrix>[0]) =>
      (await getEvidenceMatrix(user, world.set.slug)).rows.find((row) => row.id === statementRow)!;
    const unmoved = await rowFor(reader);
    expect([unmoved.recoded, unmoved.changedWithoutStanceChange, unmoved.recodedOutOfSight]).toEqual([[], true, false]);
    const blindSees = await rowFor(blindCoder);
    expect([blindSees.recodedOutOfSight, blindSees.changedWithoutStanceChange]).toEqual([true, false]);
    await updateEvidence(world.analyst, statementRow, { version: unmoved.version, markReviewed: true });
    expect((await rowFor(reader)).changedWithoutStanceChange).toBe(false);
    expect((await rowFor(blindCoder)).recodedOutOfSight).toBe(false);

    const detail = await getScenario(reader, world.scenario.slug);
    expect(detail.evidence).toMatchObject({ weightedInconsistency: 0.5, rank: 1, of: 2 });
  });
});

describe("the seeded scenario", () => {
  it("shows “Iran refrains from an immediate military response” with its indicators evaluated on the article's codings", async () => {
    const detail = await getScenario(reader, "iran-refrains-from-immediate-military-response", { asOf: "2024-10-28" });
    expect(detail.asOfReason).toBe("requested");
    // The seed marks the article's three outcomes as mutually exclusive.
    expect(detail.set.mutuallyExclusive).toBe(true);
    expect(detail.setTotals).not.toBeNull();
    // (Browser tests may add and withdraw estimates of their own meanwhile.)
    expect(detail.estimates.map((estimate) => [estimate.estimatedOn, estimate.probability])).toContainEqual(["2024-10-28", 0.7]);
    const indicators = Object.fromEntries(detail.indicators.map((indicator) => [indicator.title, indicator]));
    // Toward Israel, 15–28 October, statement values −1.5 (leadership), −0.5 (Khamenei), −0.5 and +0.5 (Baghaei),
    // −2, −3 and −1.5 (Velayati): mean −8.5 / 7 ≈ −1.21, at least −1.5, so triggered.
    expect(indicators["Iran’s officials stay restrained toward Israel"]!.value).toBeCloseTo(-8.5 / 7, 10);
    expect(indicators["Iran’s officials stay restrained toward Israel"]!.triggered).toBe(true);
    // Within 22–28 October only Velayati's −2 and −3 score −2 or lower: 2 < 3, not triggered.
    expect(indicators["A burst of hostile statements toward Israel"]).toMatchObject({ value: 2, triggered: false });
    // Its column of the evidence matrix: I on one HIGH row → 2, the least inconsistent of the three.
    expect(detail.evidence).toMatchObject({ weightedInconsistency: 2, rank: 1, of: 3 });
  });
});
