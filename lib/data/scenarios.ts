import "server-only";
import { recordAudit } from "../audit/record-audit";
import { hasPermission, PermissionDeniedError, requirePermission, type ActingUser } from "../auth/permissions";
import type { ChartEventMarker } from "../dashboard/types";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { BadRequestError, ConflictError, NotFoundError, ValidationError } from "../errors";
import { scenarioRecord } from "../scenarios/records";
import { Prisma } from "../generated/prisma/client";
import { isScoredEstimate, scoreQuestion } from "../scenarios/accuracy";
import { outcomeOf, scoreTeam, type Estimate } from "../scenarios/brier";
import { buildTeamMedianSeries, groupEstimatesByAnalyst, median } from "../scenarios/estimate-history";
import { checkSetTotals, type StandingEstimate } from "../scenarios/exclusive-sets";
import type { EstimateCreation, ScenarioStatusUpdate } from "../scenarios/schemas";
import type { BrierReport, EstimateView, ScenarioDetail, ScenarioSetSummary } from "../scenarios/types";
import type { z } from "zod";
import type { scenarioCreationSchema, scenarioSetSchema } from "../scenarios/schemas";
import { isCalendarDay, shiftIsoDate } from "../calendar";
import { dateFromIso, isoFromDate } from "../validation";
import { listEventOptions, listEvidenceScores, listStatementOptions } from "./evidence";
import { listIndicators } from "./indicators";
import { liveEvidenceWhere, liveStatementWhere } from "./live-records";

const liveEstimate = { deletedAt: null } as const;

/** The median of each analyst's latest estimate (the team's current view). */
function currentTeamMedian(estimates: { analystId: string; estimatedOn: Date; createdAt: Date; probability: number }[]) {
  const latest = new Map<string, { on: number; created: number; probability: number }>();
  for (const estimate of estimates) {
    const previous = latest.get(estimate.analystId);
    const on = estimate.estimatedOn.getTime();
    const created = estimate.createdAt.getTime();
    if (!previous || on > previous.on || (on === previous.on && created > previous.created))
      latest.set(estimate.analystId, { on, created, probability: estimate.probability });
  }
  const values = [...latest.values()].map((entry) => entry.probability);
  return { teamMedian: values.length ? median(values) : null, analystCount: values.length };
}

export async function listScenarioSets(user: ActingUser): Promise<ScenarioSetSummary[]> {
  requirePermission(user, "read");
  const sets = await getDatabase().scenarioSet.findMany({
    where: { deletedAt: null },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      _count: { select: { evidence: { where: liveEvidenceWhere } } },
      scenarios: {
        where: { deletedAt: null },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          slug: true,
          title: true,
          status: true,
          horizonOn: true,
          resolvedOn: true,
          estimates: { where: liveEstimate, select: { analystId: true, estimatedOn: true, createdAt: true, probability: true } },
          _count: { select: { indicators: { where: { deletedAt: null } } } },
        },
      },
    },
  });
  return sets.map((set) => ({
    id: set.id,
    slug: set.slug,
    title: set.title,
    description: set.description,
    evidenceCount: set._count.evidence,
    scenarios: set.scenarios.map((scenario) => ({
      id: scenario.id,
      slug: scenario.slug,
      title: scenario.title,
      status: scenario.status,
      horizonOn: isoFromDate(scenario.horizonOn),
      resolvedOn: scenario.resolvedOn ? isoFromDate(scenario.resolvedOn) : null,
      ...currentTeamMedian(scenario.estimates),
      indicatorCount: scenario._count.indicators,
    })),
  }));
}

/** The server's calendar day (UTC, like every date in Stancewatch): the only date an estimate can be recorded on. */
function serverToday(): string {
  return isoFromDate(new Date());
}

/**
 * Indicators are read "as of" a day. Today, unless the corpus's latest coded
 * statement is more than a month old: an archive (the 2024 seed article, say)
 * would otherwise show nothing but empty windows.
 */
async function chooseAsOf(requested: string | undefined): Promise<{ asOf: string; asOfReason: ScenarioDetail["asOfReason"] }> {
  if (requested) {
    if (!isCalendarDay(requested))
      throw new BadRequestError("“asOf” must be a real date from 0001-01-01 to 9999-12-31, written YYYY-MM-DD.");
    return { asOf: requested, asOfReason: "requested" };
  }
  const today = isoFromDate(new Date());
  const latest = await getDatabase().stanceCoding.aggregate({ where: { deletedAt: null, statementLive: true }, _max: { saidOn: true } });
  const latestOn = latest._max.saidOn ? isoFromDate(latest._max.saidOn) : null;
  if (latestOn && latestOn < shiftIsoDate(today, -30)) return { asOf: latestOn, asOfReason: "latest statement" };
  return { asOf: today, asOfReason: "today" };
}

function toEstimateView(
  estimate: {
    id: string;
    analystId: string;
    probability: number;
    rationale: string;
    estimatedOn: Date;
    informationAsOf: Date | null;
    version: number;
    movedByStatementIds: string[];
    movedByEventIds: string[];
    analyst: { name: string };
    createdAt: Date;
  },
  user: ActingUser,
  statements: Map<string, EstimateView["movedByStatements"][number]>,
  events: Map<string, EstimateView["movedByEvents"][number]>,
  scenario: { status: string; firstResolvedAt: Date | null },
): EstimateView {
  const scenarioIsOpen = scenario.status === "OPEN";
  const isMine = user?.id === estimate.analystId;
  const estimatedOn = isoFromDate(estimate.estimatedOn);
  return {
    id: estimate.id,
    analystId: estimate.analystId,
    analystName: estimate.analyst.name,
    probability: estimate.probability,
    rationale: estimate.rationale,
    estimatedOn,
    informationAsOf: estimate.informationAsOf ? isoFromDate(estimate.informationAsOf) : null,
    movedByStatements: estimate.movedByStatementIds.flatMap((id) => statements.get(id) ?? []),
    movedByEvents: estimate.movedByEventIds.flatMap((id) => events.get(id) ?? []),
    version: estimate.version,
    isMine,
    canWithdraw: isMine && scenarioIsOpen && estimatedOn === serverToday(),
    scored: isScoredEstimate(estimate.createdAt, scenario.firstResolvedAt),
  };
}

// A statement or event deleted since an estimate named it drops out of the estimate's list (decision 0007), as a
// statement of a deleted source does: the estimate keeps the ids, so a restore brings it back.
async function listLinkedRecords(statementIds: string[], eventIds: string[]) {
  const db = getDatabase();
  const [statements, events] = await Promise.all([
    statementIds.length
      ? db.statement.findMany({
          where: { id: { in: statementIds }, ...liveStatementWhere },
          select: { id: true, quote: true, sourceId: true, speaker: { select: { name: true } } },
        })
      : [],
    eventIds.length
      ? db.event.findMany({ where: { id: { in: eventIds }, deletedAt: null }, select: { id: true, title: true, occurredOn: true } })
      : [],
  ]);
  return {
    statements: new Map(
      statements.map((statement) => [
        statement.id,
        { id: statement.id, quote: statement.quote, speakerName: statement.speaker.name, sourceId: statement.sourceId },
      ]),
    ),
    events: new Map(events.map((event) => [event.id, { id: event.id, title: event.title, occurredOn: isoFromDate(event.occurredOn) }])),
  };
}

/** Everything the scenario page shows: estimates and their history, scores, indicators and its evidence column. */
export async function getScenario(user: ActingUser, slug: string, options: { asOf?: string } = {}): Promise<ScenarioDetail> {
  requirePermission(user, "read");
  const db = getDatabase();
  const scenario = await db.scenario.findFirst({
    where: { slug, deletedAt: null },
    include: {
      set: {
        select: {
          id: true,
          slug: true,
          title: true,
          mutuallyExclusive: true,
          scenarios: {
            where: { deletedAt: null },
            select: { id: true, slug: true, title: true, status: true },
            orderBy: { createdAt: "asc" },
          },
        },
      },
      estimates: {
        where: liveEstimate,
        include: { analyst: { select: { name: true } } },
        orderBy: [{ estimatedOn: "asc" }, { createdAt: "asc" }],
      },
    },
  });
  if (!scenario) throw new NotFoundError("This scenario");

  const linked = await listLinkedRecords(
    [...new Set(scenario.estimates.flatMap((estimate) => estimate.movedByStatementIds))],
    [...new Set(scenario.estimates.flatMap((estimate) => estimate.movedByEventIds))],
  );
  const estimates = scenario.estimates.map((estimate) => toEstimateView(estimate, user, linked.statements, linked.events, scenario));
  const historyInput = estimates.map((estimate) => ({
    analystId: estimate.analystId,
    analystName: estimate.analystName,
    estimatedOn: estimate.estimatedOn,
    probability: estimate.probability,
  }));

  const horizonOn = isoFromDate(scenario.horizonOn);
  const resolvedOn = scenario.resolvedOn ? isoFromDate(scenario.resolvedOn) : null;
  // The chart runs from a month before the first estimate to the resolution (or horizon), so the events that moved it show.
  const chartFrom = shiftIsoDate(estimates[0]?.estimatedOn ?? horizonOn, -30);
  const chartTo = resolvedOn ?? horizonOn;
  const eventRows = await db.event.findMany({
    where: { deletedAt: null, occurredOn: { gte: dateFromIso(chartFrom), lte: dateFromIso(chartTo > chartFrom ? chartTo : chartFrom) } },
    select: { id: true, slug: true, title: true, kind: true, occurredOn: true, description: true },
    orderBy: { occurredOn: "asc" },
  });
  const events: ChartEventMarker[] = eventRows.map((event) => ({ ...event, occurredOn: isoFromDate(event.occurredOn) }));

  let brier: BrierReport | null = null;
  const outcome = outcomeOf(scenario.status);
  if (outcome !== null && resolvedOn) {
    const byAnalyst = new Map<string, Estimate[]>();
    for (const estimate of estimates.filter((estimate) => estimate.scored))
      byAnalyst.set(estimate.analystId, [...(byAnalyst.get(estimate.analystId) ?? []), estimate]);
    const scores = scoreTeam(byAnalyst, resolvedOn, outcome);
    const accuracy = new Map(scoreQuestion(byAnalyst, resolvedOn, outcome).map((entry) => [entry.analystId, entry]));
    const names = new Map(estimates.map((estimate) => [estimate.analystId, estimate.analystName]));
    brier = {
      outcome,
      resolvedOn,
      analysts: scores.analysts.flatMap((entry) => {
        const question = accuracy.get(entry.analystId);
        if (!entry.score || !question) return [];
        return [
          {
            analystId: entry.analystId,
            analystName: names.get(entry.analystId)!,
            ...entry.score,
            questionBrier: question.brier,
            logScore: question.logScore,
            relativeBrier: question.relativeBrier,
            questionDays: question.questionDays,
          },
        ];
      }),
      team: scores.team,
      meanAnalystBrier: scores.meanAnalystBrier,
    };
  }

  const { asOf, asOfReason } = await chooseAsOf(options.asOf);
  const [indicators, evidenceScores, statementOptions, eventOptions, actors] = await Promise.all([
    listIndicators(user, scenario.id, asOf),
    listEvidenceScores(user, scenario.set.slug),
    listStatementOptions(),
    listEventOptions(),
    db.actor.findMany({
      where: { deletedAt: null },
      select: { slug: true, name: true, _count: { select: { representedBy: { where: { deletedAt: null } } } } },
      orderBy: { name: "asc" },
    }),
  ]);
  const column = evidenceScores.find((candidate) => candidate.id === scenario.id);
  const setTotals = scenario.set.mutuallyExclusive ? await listSetTotals(scenario.set.scenarios.map((sibling) => sibling.id)) : null;
  const ranked = [...evidenceScores].sort((a, b) => a.weightedInconsistency - b.weightedInconsistency);

  return {
    id: scenario.id,
    slug: scenario.slug,
    title: scenario.title,
    description: scenario.description,
    resolutionCriteria: scenario.resolutionCriteria,
    horizonOn,
    status: scenario.status,
    resolvedOn,
    version: scenario.version,
    set: scenario.set,
    estimates,
    history: { analysts: groupEstimatesByAnalyst(historyInput), teamMedian: buildTeamMedianSeries(historyInput) },
    events,
    brier,
    asOf,
    asOfReason,
    indicators,
    setTotals,
    evidence:
      column && evidenceScores.some((candidate) => candidate.ratedEvidenceCount > 0)
        ? {
            weightedInconsistency: column.weightedInconsistency,
            inconsistency: column.inconsistency,
            ratedEvidenceCount: column.ratedEvidenceCount,
            // Ties share a rank: the position of the first scenario with the same score.
            rank: ranked.findIndex((candidate) => candidate.weightedInconsistency === column.weightedInconsistency) + 1,
            of: evidenceScores.length,
          }
        : null,
    statementOptions,
    eventOptions,
    actorOptions: actors.map((actor) => ({ slug: actor.slug, name: actor.name, representedCount: actor._count.representedBy })),
    canEdit: hasPermission(user, "edit"),
  };
}

export async function createScenarioSet(user: ActingUser, input: z.infer<typeof scenarioSetSchema>): Promise<{ id: string; slug: string }> {
  requirePermission(user, "edit");
  try {
    return await getDatabase().$transaction(async (tx) => {
      const row = await tx.scenarioSet.create({ data: input });
      await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "ScenarioSet", entityId: row.id, after: row });
      return { id: row.id, slug: row.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ slug: `is taken: another scenario set is called “${input.slug}”` });
    throw error;
  }
}

export async function createScenario(
  user: ActingUser,
  input: z.infer<typeof scenarioCreationSchema>,
): Promise<{ id: string; slug: string }> {
  requirePermission(user, "edit");
  const db = getDatabase();
  const set = await db.scenarioSet.findFirst({ where: { id: input.setId, deletedAt: null }, select: { id: true } });
  if (!set) throw new ValidationError({ setId: "names no scenario set" });
  const { setId, ...scenario } = input;
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.scenario.create({ data: scenarioRecord(scenario, setId) });
      await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "Scenario", entityId: row.id, after: row });
      return { id: row.id, slug: row.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ slug: `is taken: another scenario is called “${input.slug}”` });
    throw error;
  }
}

/** Each analyst's latest live estimate on each scenario of a set, checked against 100 %. */
async function listSetTotals(scenarioIds: string[]) {
  const rows = await getDatabase().scenarioEstimate.findMany({
    where: { scenarioId: { in: scenarioIds }, deletedAt: null },
    select: { scenarioId: true, analystId: true, probability: true, analyst: { select: { name: true } } },
    orderBy: [{ estimatedOn: "asc" }, { createdAt: "asc" }],
  });
  // Oldest first, so the latest estimate of each analyst on each scenario is the one left standing.
  const standing = new Map<string, StandingEstimate>();
  for (const row of rows)
    standing.set(`${row.analystId}:${row.scenarioId}`, {
      analystId: row.analystId,
      analystName: row.analyst.name,
      scenarioId: row.scenarioId,
      probability: row.probability,
    });
  return checkSetTotals(scenarioIds, [...standing.values()]);
}

/**
 * Notes when a scenario is first resolved: the answer is known from then on, whatever reopens it later, and an
 * estimate recorded after it is never scored (isScoredEstimate, decision 0012). Called once the scenario's row is
 * updated, so locked: an estimate that was being recorded has committed by then (recordEstimate locks the row
 * too), and this time is after its own.
 */
async function markFirstResolution(tx: Prisma.TransactionClient, id: string): Promise<void> {
  await tx.scenario.updateMany({ where: { id, firstResolvedAt: null }, data: { firstResolvedAt: new Date() } });
}

/**
 * Resolves, withdraws or reopens a scenario; resolving scores everyone's
 * estimates. In a mutually exclusive set a second "yes" is refused, and
 * `resolveOthersNo` resolves the set's open scenarios "no" on the same date in
 * the same transaction, each change audited.
 */
export async function updateScenarioStatus(
  user: ActingUser,
  id: string,
  input: Omit<ScenarioStatusUpdate, "resolveOthersNo"> & { resolveOthersNo?: boolean },
): Promise<void> {
  requirePermission(user, "edit");
  // A resolution in the future would score forecasts on days that have not happened yet.
  if (input.resolvedOn && input.resolvedOn > serverToday())
    throw new ValidationError({ resolvedOn: `is after today (${serverToday()}): a scenario resolves on a day that has happened` });
  await getDatabase().$transaction(async (tx) => {
    const before = await tx.scenario.findFirst({ where: { id, deletedAt: null } });
    if (!before) throw new NotFoundError("This scenario");
    // Status changes in one set take turns: two analysts resolving two scenarios of an exclusive set "yes" at
    // once would otherwise each see no other "yes" and both commit.
    await tx.$queryRaw`SELECT id FROM "ScenarioSet" WHERE id = ${before.setId} FOR UPDATE`;
    const set = await tx.scenarioSet.findUniqueOrThrow({
      where: { id: before.setId },
      select: {
        mutuallyExclusive: true,
        scenarios: { where: { deletedAt: null, id: { not: id } }, select: { id: true, title: true, status: true } },
      },
    });
    if (input.resolveOthersNo && input.status !== "RESOLVED_YES")
      throw new ValidationError({ resolveOthersNo: "applies only when resolving a scenario yes" });
    if (input.resolveOthersNo && !set.mutuallyExclusive)
      throw new ValidationError({ resolveOthersNo: "applies only in a set whose scenarios are mutually exclusive" });
    const otherYes = set.scenarios.find((sibling) => sibling.status === "RESOLVED_YES");
    if (set.mutuallyExclusive && input.status === "RESOLVED_YES" && otherYes)
      throw new ConflictError(
        `“${otherYes.title}” already resolved yes, and the scenarios of this set are mutually exclusive: at most one can come about. Reopen it first if it was resolved by mistake.`,
        null,
      );
    const { count } = await tx.scenario.updateMany({
      where: { id, version: input.version, deletedAt: null },
      data: { status: input.status, resolvedOn: input.resolvedOn ? dateFromIso(input.resolvedOn) : null, version: { increment: 1 } },
    });
    if (count === 0) {
      throw new ConflictError(
        `Someone changed this scenario (now version ${before.version}, status ${before.status.toLowerCase().replace("_", " ")}) after you opened version ${input.version}. Reload before changing its status.`,
        { version: before.version, status: before.status, resolvedOn: before.resolvedOn ? isoFromDate(before.resolvedOn) : null },
      );
    }
    if (input.status === "RESOLVED_YES" || input.status === "RESOLVED_NO") await markFirstResolution(tx, id);
    const after = await tx.scenario.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user.id, action: "UPDATE", entity: "Scenario", entityId: id, before, after });
    if (!input.resolveOthersNo) return;
    for (const sibling of set.scenarios.filter((candidate) => candidate.status === "OPEN")) {
      const siblingBefore = await tx.scenario.findUniqueOrThrow({ where: { id: sibling.id } });
      // Conditional on still being open, so a sibling resolved meanwhile is left as its resolver set it.
      const { count: changed } = await tx.scenario.updateMany({
        where: { id: sibling.id, status: "OPEN", deletedAt: null },
        data: { status: "RESOLVED_NO", resolvedOn: dateFromIso(input.resolvedOn!), version: { increment: 1 } },
      });
      if (changed === 0) continue;
      await markFirstResolution(tx, sibling.id);
      const siblingAfter = await tx.scenario.findUniqueOrThrow({ where: { id: sibling.id } });
      await recordAudit(tx, {
        userId: user.id,
        action: "UPDATE",
        entity: "Scenario",
        entityId: sibling.id,
        before: siblingBefore,
        after: siblingAfter,
      });
    }
  });
}

/**
 * Records the acting analyst's probability for a scenario, with why and what
 * moved it. One per analyst per day. Dated by the server's clock, never by the
 * client (docs/decisions/0012): with the date free, an analyst could reopen a
 * resolved scenario and add a certain forecast "made" before the event.
 * Because only open scenarios take estimates and the date is today's, nothing
 * recorded after a reopening can be dated before it.
 */
export async function recordEstimate(user: ActingUser, scenarioId: string, input: EstimateCreation): Promise<EstimateView> {
  requirePermission(user, "edit");
  const db = getDatabase();
  const today = serverToday();
  if (input.informationAsOf && input.informationAsOf > today)
    throw new ValidationError({ informationAsOf: `is after today (${today}): give the date of the information you used` });
  const scenario = await db.scenario.findFirst({
    where: { id: scenarioId, deletedAt: null },
    select: { id: true, status: true, firstResolvedAt: true },
  });
  if (!scenario) throw new NotFoundError("This scenario");
  if (scenario.status !== "OPEN")
    throw new ConflictError(
      "This scenario is no longer open, so it takes no new estimates. Reopen it first if it was closed by mistake.",
      null,
    );
  const statementIds = [...new Set(input.movedByStatementIds)];
  const eventIds = [...new Set(input.movedByEventIds)];
  const [statementCount, eventCount] = await Promise.all([
    db.statement.count({ where: { id: { in: statementIds }, ...liveStatementWhere } }),
    db.event.count({ where: { id: { in: eventIds }, deletedAt: null } }),
  ]);
  const problems: Record<string, string> = {};
  if (statementCount !== statementIds.length)
    problems.movedByStatementIds = "names a statement that does not exist (it may have been deleted)";
  if (eventCount !== eventIds.length) problems.movedByEventIds = "names an event that does not exist (it may have been deleted)";
  if (Object.keys(problems).length) throw new ValidationError(problems);
  try {
    const row = await db.$transaction(async (tx) => {
      // Checked again with the scenario's row locked: a resolution committed since the check above refuses the
      // estimate, and one still to come waits for it (and then postdates it, markFirstResolution).
      const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Scenario" WHERE id = ${scenarioId} FOR SHARE`;
      if (locked?.status !== "OPEN")
        throw new ConflictError("This scenario was closed while you were recording your estimate, so it takes no new estimates.", null);
      const created = await tx.scenarioEstimate.create({
        data: {
          scenarioId,
          analystId: user.id,
          probability: input.probability,
          rationale: input.rationale,
          estimatedOn: dateFromIso(today),
          informationAsOf: input.informationAsOf ? dateFromIso(input.informationAsOf) : null,
          movedByStatementIds: statementIds,
          movedByEventIds: eventIds,
        },
        include: { analyst: { select: { name: true } } },
      });
      await recordAudit(tx, {
        userId: user.id,
        action: "CREATE",
        entity: "ScenarioEstimate",
        entityId: created.id,
        after: { ...created, analyst: undefined },
      });
      return created;
    });
    const linked = await listLinkedRecords(statementIds, eventIds);
    return toEstimateView(row, user, linked.statements, linked.events, scenario);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(
        `You already recorded an estimate today (${today}). Withdraw it first if you want to replace it; it stays in the history.`,
        null,
      );
    throw error;
  }
}

/**
 * Withdraws one's own estimate of today (soft deletion, recoverable from
 * History), to correct a slip. An older estimate is part of the record: taking
 * back yesterday's forecast once it looks wrong would rewrite the score, so it
 * is refused, and a resolved scenario's estimates are frozen altogether.
 */
export async function withdrawEstimate(user: ActingUser, id: string, version: number): Promise<void> {
  requirePermission(user, "edit");
  await getDatabase().$transaction(async (tx) => {
    const before = await tx.scenarioEstimate.findFirst({
      where: { id, deletedAt: null },
      include: { scenario: { select: { status: true } } },
    });
    if (!before) throw new NotFoundError("This estimate");
    if (before.analystId !== user.id)
      throw new PermissionDeniedError("edit", true, "Only the analyst who made an estimate can withdraw it.");
    if (before.scenario.status !== "OPEN")
      throw new ConflictError("This scenario is no longer open, so its estimates are frozen: they are what it was scored on.", null);
    if (isoFromDate(before.estimatedOn) !== serverToday())
      throw new ConflictError(
        `Only an estimate recorded today can be withdrawn; this one is from ${isoFromDate(before.estimatedOn)} and stays on the record. Record a new estimate instead.`,
        null,
      );
    const { count } = await tx.scenarioEstimate.updateMany({
      where: { id, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(`This estimate changed (now version ${before.version}); reload before withdrawing it.`, null);
    const after = await tx.scenarioEstimate.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, {
      userId: user.id,
      action: "DELETE",
      entity: "ScenarioEstimate",
      entityId: id,
      before: { ...before, scenario: undefined },
      after,
    });
  });
}
