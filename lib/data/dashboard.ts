import "server-only";
import { readShiftMinimumStatements, serverEnvironment } from "../config/environment";
import { changeInterval } from "../dashboard/shift-uncertainty";
import type { ActingUser } from "../auth/permissions";
import { hasPermission, requirePermission } from "../auth/permissions";
import { chooseTimeUnit, chooseTimeWindow, windowWithoutData } from "../dashboard/time-window";
import {
  buildShiftStatementQuery,
  buildStanceExtentsQuery,
  buildStanceMatrixQuery,
  buildStanceSeriesJsonQuery,
  buildStanceShiftQuery,
  buildTrackedTargetsWithExtentsQuery,
  eventMarkersJson,
  stanceReadChangesSeen,
  trackedTargetCondition,
  type ExtentsQueryRow,
  type MatrixQueryRow,
  type ShiftQueryRow,
  type ShiftStatementQueryRow,
  type StanceQueryScope,
  type TrackedTargetExtentsRow,
} from "../dashboard/stance-sql";
import type {
  ActorOption,
  ChartEventMarker,
  DashboardData,
  DashboardFilterOptions,
  DateWindow,
  StanceMatrix,
  StanceSeriesResult,
  StanceShift,
} from "../dashboard/types";
import { confidenceLevels, type DashboardView, type TimeUnit } from "../dashboard/view";
import { getDatabase } from "../database/client";
import { readRows, readStanceTablesBytes } from "../database/direct-sql";
import { Prisma } from "../generated/prisma/client";
import { DomainError } from "../errors";
import { earliestDay, shiftIsoDate } from "../calendar";
import { isoFromDate } from "../validation";
import { listCodedTargetIds } from "./coded-targets";
import { readKeptStanceSeries } from "./kept-stance-series";
import { listSpeakerIds } from "./speaker-scope";

export const defaultChartWidth = 1200;
export const minimumChartWidth = 100;
export const maximumChartWidth = 4000;
/** Beyond this many speakers a chart stops being readable; the matrix lists the rest. */
export const maximumSeriesPerTarget = 8;
const shiftLimit = 8;
const statementsPerShiftBucket = 3;

type ResolvedScope = {
  scope: StanceQueryScope;
  targets: ActorOption[];
  unit: TimeUnit;
  /** Filter values that named no actor, for the page to report. */
  unknownActors: string[];
};

const actorSelect = { id: true, slug: true, name: true } as const;

// The stance chart's reads go through node-postgres (readRows): a chart request is a few small queries, and
// through Prisma its query interpreter and result mapping cost more than the queries (docs/benchmarks.md).
function readActors(condition: Prisma.Sql, orderByName = false): Promise<ActorOption[]> {
  return readRows<ActorOption>(
    getDatabase(),
    Prisma.sql`SELECT id, slug, name FROM "Actor" WHERE ${condition}${orderByName ? Prisma.sql` ORDER BY name` : Prisma.empty}`,
  );
}

/**
 * Turns the URL's slugs into ids, expands "everyone who speaks for" (the
 * actor and, transitively, those who speak for it), and settles the window
 * and unit the view leaves open from the data itself.
 */
async function resolveScope(user: ActingUser, view: DashboardView): Promise<ResolvedScope> {
  const slugs = [...new Set([...view.speakers, ...view.speaksFor, ...view.targets])];
  const named = slugs.length ? await readActors(Prisma.sql`slug = ANY(${slugs}::text[]) AND "deletedAt" IS NULL`) : [];
  const bySlug = new Map(named.map((actor) => [actor.slug, actor]));
  const unknownActors = slugs.filter((slug) => !bySlug.has(slug));

  // Unknown keys are left out (the page says so), and the rest of the view stands as if they had never been there:
  // a speakers filter of nothing but unknown keys means everyone, as the picker then shows, not no one.
  const knownSpeakerIds = view.speakers.flatMap((slug) => bySlug.get(slug)?.id ?? []);
  const knownSpeaksForIds = view.speaksFor.flatMap((slug) => bySlug.get(slug)?.id ?? []);
  const speakerIds = knownSpeakerIds.length || knownSpeaksForIds.length ? await listSpeakerIds(knownSpeakerIds, knownSpeaksForIds) : null;

  const blindCoderId = user && user.role === "ANALYST" && !hasPermission(user, "adjudicate") ? user.id : null;
  const knownTargets = view.targets.flatMap((slug) => bySlug.get(slug) ?? []);
  const windowOpen = !(view.from && view.to);
  const saidBetween = { from: view.from ?? null, to: view.to ?? null };
  let targets: ActorOption[];
  // The last day a statement counts from, so that a month-precision statement's window reaches the
  // last day of its month, from which the queries count it (docs/decisions/0014).
  let extents: ExtentsQueryRow | undefined;
  if (knownTargets.length) {
    targets = knownTargets;
    if (windowOpen)
      [extents] = await readRows<ExtentsQueryRow>(
        getDatabase(),
        buildStanceExtentsQuery(
          targets.map((target) => target.id),
          speakerIds,
          saidBetween,
          blindCoderId,
        ),
      );
  } else if (windowOpen) {
    // The default view: the tracked targets and their window's ends in one round trip.
    const rows = await readRows<TrackedTargetExtentsRow>(
      getDatabase(),
      buildTrackedTargetsWithExtentsQuery(speakerIds, saidBetween, blindCoderId),
    );
    targets = rows.flatMap(({ id, slug, name }) => (id !== null && slug !== null && name !== null ? [{ id, slug, name }] : []));
    extents = rows[0];
  } else {
    targets = await readActors(trackedTargetCondition, true);
  }

  let window: DateWindow;
  if (!windowOpen) {
    window = { from: view.from!, to: view.to! };
  } else {
    const dates = [...(extents?.first ? [extents.first] : []), ...(extents?.last ? [extents.last] : [])];
    const padded = chooseTimeWindow(dates) ?? windowWithoutData(isoFromDate(new Date()));
    window = { from: view.from ?? padded.from, to: view.to ?? padded.to };
    if (window.from > window.to) window = view.from ? { from: view.from, to: view.from } : { from: window.to, to: window.to };
  }

  return {
    scope: {
      speakerIds,
      targetIds: targets.map((target) => target.id),
      window,
      directQuotesOnly: view.directQuotesOnly,
      minimumConfidence: view.minimumConfidence,
      adjudicatedOnly: view.adjudicatedOnly,
      blindCoderId,
    },
    targets,
    unit: view.unit ?? chooseTimeUnit(window),
    unknownActors,
  };
}

function refuseUnknownActors(resolved: ResolvedScope): void {
  if (resolved.unknownActors.length) {
    const list = resolved.unknownActors.map((slug) => `“${slug}”`).join(", ");
    throw new DomainError(422, `No actor is known by ${list}. Check the spelling of the speaker, “for” and target filters.`);
  }
}

function countBuckets(window: DateWindow, unit: TimeUnit): number {
  const days = Math.round((Date.parse(window.to) - Date.parse(window.from)) / 86_400_000) + 1;
  if (unit === "day") return days;
  if (unit === "week") return Math.ceil(days / 7) + 1;
  const from = new Date(`${window.from}T00:00:00Z`);
  const to = new Date(`${window.to}T00:00:00Z`);
  return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth()) + 1;
}

async function listActorsById(ids: string[]): Promise<Map<string, ActorOption>> {
  if (ids.length === 0) return new Map();
  // Deleted ones too, as before: the rows that name them are what is shown.
  const actors = await readRows<ActorOption>(getDatabase(), Prisma.sql`SELECT id, slug, name FROM "Actor" WHERE id = ANY(${ids}::text[])`);
  return new Map(actors.map((actor) => [actor.id, actor]));
}

async function listEventMarkers(window: DateWindow): Promise<ChartEventMarker[]> {
  const [row] = await readRows<{ body: string }>(getDatabase(), Prisma.sql`SELECT ${eventMarkersJson(window)}::text AS body`);
  return JSON.parse(row!.body) as ChartEventMarker[];
}

/** A view's series without its events, which the page reads once for all its panels. */
type SeriesWithoutEvents = Omit<StanceSeriesResult, "events">;

/**
 * Up to this size of the stance tables the series query goes as a named statement, whose plan PostgreSQL may
 * reuse; above it, unnamed and planned for each request's window, targets and speakers (docs/decisions/0042).
 * On a small corpus planning costs more than running: on the seed, about 2 ms of PostgreSQL's CPU to plan and
 * 1–1.7 ms to parse, under 1 ms to run. On a large one the plan made without the values (generic) was the slower
 * one: 34 against 21 ms at a million codings. 8 MiB is some 16,000 codings (about 510 bytes each with their
 * settled values, as the benchmark corpus stores them); sizes between the seed's and a million codings were
 * not measured.
 */
export const seriesPlanReuseLimitBytes = 8 * 1024 * 1024;

async function seriesPlanReusable(): Promise<boolean> {
  return (await readStanceTablesBytes(getDatabase())) <= seriesPlanReuseLimitBytes;
}

/** What the series query writes when the view has no target: the JSON of no series. */
const noSeriesJson = JSON.stringify({ series: [], omittedSpeakers: [], downsampled: false });

/**
 * A view's series as PostgreSQL wrote them: the text of `{"series":…,"omittedSpeakers":…,"downsampled":…}`,
 * starting with `"events":…` when `withEvents` asks for the window's event markers too.
 */
async function readStanceSeriesJson(resolved: ResolvedScope, width: number, withEvents = false): Promise<string> {
  const { scope, unit } = resolved;
  // With no target there is no series, but the events are still the window's.
  if (!scope.targetIds.length && !withEvents) return noSeriesJson;
  const query = buildStanceSeriesJsonQuery(scope, {
    unit,
    width,
    maximumSeriesPerTarget,
    bucketCount: countBuckets(scope.window, unit),
    withEvents,
  });
  const db = getDatabase();
  return readKeptStanceSeries(db, query, stanceReadChangesSeen(scope), async () => {
    const [row] = await readRows<{ body: string; changesSeen: string }>(db, query, { prepare: await seriesPlanReusable() });
    return row!;
  });
}

async function readStanceSeries(resolved: ResolvedScope, width: number): Promise<SeriesWithoutEvents> {
  const series = JSON.parse(await readStanceSeriesJson(resolved, width)) as Pick<
    SeriesWithoutEvents,
    "series" | "omittedSpeakers" | "downsampled"
  >;
  return { window: resolved.scope.window, unit: resolved.unit, targets: resolved.targets, ...series };
}

/** The scope narrowed to one of its targets: every part of the series query is per speaker and target, so its rows are that target's rows of the whole. */
function narrowToTarget(resolved: ResolvedScope, target: ActorOption): ResolvedScope {
  return { ...resolved, targets: [target], scope: { ...resolved.scope, targetIds: [target.id] } };
}

function clampWidth(width: number | undefined): number {
  if (width === undefined || !Number.isFinite(width)) return defaultChartWidth;
  return Math.min(maximumChartWidth, Math.max(minimumChartWidth, Math.round(width)));
}

/**
 * The stance-over-time chart data for a view (StanceSeriesResult) as JSON text, what the data endpoint sends:
 * one series per speaker and target, at most about one point per pixel of `width`. The series come as
 * PostgreSQL wrote them and are never parsed here (docs/decisions/0043). Unknown actors in the view are
 * refused (422): an API caller should hear about a misspelt slug.
 */
export async function renderStanceSeries(user: ActingUser, view: DashboardView, options: { width?: number } = {}): Promise<string> {
  requirePermission(user, "read");
  const resolved = await resolveScope(user, view);
  refuseUnknownActors(resolved);
  // The events come in the series' statement: one round trip fewer on every request.
  const series = await readStanceSeriesJson(resolved, clampWidth(options.width), true);
  const envelope = JSON.stringify({ window: resolved.scope.window, unit: resolved.unit, targets: resolved.targets });
  // Both are JSON objects: the envelope's members, then the series' (whose text starts with its "{").
  return `${envelope.slice(0, -1)},${series.slice(1)}`;
}

/** The stance-over-time chart data for a view as objects: renderStanceSeries, parsed. */
export async function listStanceSeries(
  user: ActingUser,
  view: DashboardView,
  options: { width?: number } = {},
): Promise<StanceSeriesResult> {
  return JSON.parse(await renderStanceSeries(user, view, options)) as StanceSeriesResult;
}

async function runStanceMatrix(resolved: ResolvedScope): Promise<StanceMatrix> {
  const { window } = resolved.scope;
  const length = Math.round((Date.parse(window.to) - Date.parse(window.from)) / 86_400_000) + 1;
  const previousWindow =
    window.from === earliestDay ? null : { from: shiftIsoDate(window.from, -length), to: shiftIsoDate(window.from, -1) };
  const rows = resolved.scope.targetIds.length
    ? await getDatabase().$queryRaw<MatrixQueryRow[]>(
        buildStanceMatrixQuery({ ...resolved.scope, window: { from: previousWindow?.from ?? window.from, to: window.to } }, window.from),
      )
    : [];
  const speakers = await listActorsById([...new Set(rows.map((row) => row.speakerId))]);
  const cellsBySpeaker = new Map<string, Map<string, MatrixQueryRow>>();
  for (const row of rows) {
    const cells = cellsBySpeaker.get(row.speakerId) ?? new Map<string, MatrixQueryRow>();
    cells.set(row.targetId, row);
    cellsBySpeaker.set(row.speakerId, cells);
  }
  return {
    window,
    previousWindow,
    targets: resolved.targets,
    rows: [...cellsBySpeaker.entries()]
      .map(([speakerId, cells]) => ({
        speaker: speakers.get(speakerId)!,
        cells: resolved.targets.map((target) => {
          const row = cells.get(target.id);
          const mean = row?.mean ?? null;
          const previousMean = row?.previousMean ?? null;
          return {
            targetId: target.id,
            mean,
            statementCount: row?.statementCount ?? 0,
            codingCount: row?.codingCount ?? 0,
            previousMean,
            previousStatementCount: row?.previousStatementCount ?? 0,
            change: mean !== null && previousMean !== null ? mean - previousMean : null,
          };
        }),
      }))
      .sort((a, b) => a.speaker.name.localeCompare(b.speaker.name)),
  };
}

/** Each speaker's mean stance toward each target in the view's window, with the change from the window before. */
export async function getStanceMatrix(user: ActingUser, view: DashboardView): Promise<StanceMatrix> {
  requirePermission(user, "read");
  const resolved = await resolveScope(user, view);
  refuseUnknownActors(resolved);
  return runStanceMatrix(resolved);
}

function bucketEnd(start: string, unit: TimeUnit): string {
  if (unit === "day") return start;
  if (unit === "week") return shiftIsoDate(start, 6);
  const end = new Date(`${start}T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + 1, 0);
  return isoFromDate(end);
}

async function runStanceShifts(resolved: ResolvedScope): Promise<StanceShift[]> {
  const db = getDatabase();
  const { scope, unit } = resolved;
  if (!scope.targetIds.length) return [];
  const minimumStatements = readShiftMinimumStatements(serverEnvironment());
  const shifts = await getDatabase().$queryRaw<ShiftQueryRow[]>(buildStanceShiftQuery(scope, unit, shiftLimit, minimumStatements));
  if (!shifts.length) return [];
  const cells = shifts.flatMap((shift) => [
    { speakerId: shift.speakerId, targetId: shift.targetId, bucketStart: shift.beforeStart },
    { speakerId: shift.speakerId, targetId: shift.targetId, bucketStart: shift.afterStart },
  ]);
  const [statementRows, speakers, events] = await Promise.all([
    getDatabase().$queryRaw<ShiftStatementQueryRow[]>(buildShiftStatementQuery(scope, unit, cells, statementsPerShiftBucket)),
    listActorsById([...new Set(shifts.map((shift) => shift.speakerId))]),
    listEventMarkers(scope.window),
  ]);
  const quotes = new Map(
    (
      await db.statement.findMany({
        where: { id: { in: [...new Set(statementRows.map((row) => row.statementId))] } },
        select: { id: true, quote: true, sourceId: true, saidOnPrecision: true },
      })
    ).map((statement) => [statement.id, statement]),
  );
  const targetsById = new Map(resolved.targets.map((target) => [target.id, target]));
  return shifts.map((shift) => {
    const inCell = (row: ShiftStatementQueryRow, start: string) =>
      row.speakerId === shift.speakerId && row.targetId === shift.targetId && row.bucketStart === start;
    const afterEnd = bucketEnd(shift.afterStart, unit);
    return {
      speaker: speakers.get(shift.speakerId)!,
      target: targetsById.get(shift.targetId)!,
      before: { start: shift.beforeStart, score: shift.beforeScore, statementCount: shift.beforeStatementCount },
      after: { start: shift.afterStart, score: shift.afterScore, statementCount: shift.afterStatementCount },
      change: shift.change,
      interval: changeInterval(
        { mean: shift.beforeScore, standardDeviation: shift.beforeStandardDeviation, statementCount: shift.beforeStatementCount },
        { mean: shift.afterScore, standardDeviation: shift.afterStandardDeviation, statementCount: shift.afterStatementCount },
      ),
      ranked: shift.ranked,
      minimumStatements,
      statements: statementRows
        .filter((row) => inCell(row, shift.beforeStart) || inCell(row, shift.afterStart))
        .map((row) => ({
          id: row.statementId,
          quote: quotes.get(row.statementId)?.quote ?? "",
          sourceId: quotes.get(row.statementId)?.sourceId ?? "",
          saidOn: row.saidOn,
          datePrecision: quotes.get(row.statementId)?.saidOnPrecision ?? "DAY",
          score: row.score,
          inLaterBucket: row.bucketStart === shift.afterStart,
        })),
      // Events from the start of the earlier bucket to the end of the later one: what happened around the change.
      events: events.filter((event) => event.occurredOn >= shift.beforeStart && event.occurredOn <= afterEnd),
    };
  });
}

/** The largest changes between consecutive buckets, each with the statements behind it and the events around it. */
export async function listStanceShifts(user: ActingUser, view: DashboardView): Promise<StanceShift[]> {
  requirePermission(user, "read");
  const resolved = await resolveScope(user, view);
  refuseUnknownActors(resolved);
  return runStanceShifts(resolved);
}

async function listFilterOptions(user: NonNullable<ActingUser>): Promise<DashboardFilterOptions> {
  const db = getDatabase();
  const [actors, coded] = await Promise.all([
    db.actor.findMany({
      where: { deletedAt: null },
      select: { ...actorSelect, isTrackedTarget: true, _count: { select: { representedBy: { where: { deletedAt: null } } } } },
      orderBy: { name: "asc" },
    }),
    listCodedTargetIds(user),
  ]);
  const options = actors.map(({ id, slug, name }) => ({ id, slug, name }));
  return {
    speakers: options,
    represented: actors.filter((actor) => actor._count.representedBy > 0).map(({ id, slug, name }) => ({ id, slug, name })),
    // Tracked targets first (they are what most views chart), then every other actor that has codings.
    targets: [
      ...actors.filter((actor) => actor.isTrackedTarget),
      ...actors.filter((actor) => !actor.isTrackedTarget && coded.has(actor.id)),
    ].map(({ id, slug, name }) => ({ id, slug, name })),
    trackedTargetSlugs: actors.filter((actor) => actor.isTrackedTarget).map((actor) => actor.slug),
    confidenceLevels,
  };
}

/** One panel's series: the speakers charted toward its target, and how many more there were. */
export type PanelSeries = SeriesWithoutEvents;

/**
 * The dashboard page's data for a view, each part as soon as it is ready:
 * the window, unit, targets and filter options now; each target's series as
 * a promise of its own; the matrix and the shifts when their loaders are
 * called.
 */
export type OpenedDashboard = {
  view: DashboardView;
  window: DateWindow;
  unit: TimeUnit;
  targets: ActorOption[];
  options: DashboardFilterOptions;
  /** What the page left out of the view and why (e.g. a link naming an actor that no longer exists). */
  notices: string[];
  /** Per target, in the order of `targets`. */
  panels: Promise<PanelSeries>[];
  events: Promise<ChartEventMarker[]>;
  loadMatrix: () => Promise<StanceMatrix>;
  loadShifts: () => Promise<StanceShift[]>;
};

/**
 * Opens the dashboard page for a view so it can send each chart as soon as
 * its data is in: every target's series is a query of its own, all sent at
 * once (a target's rows are the same as in one query for all, which is what
 * the API runs), so the first panel waits for its own target's speakers, not
 * for everyone's. The matrix and the shifts, which settle every speaker's
 * values (most of the page's time at a million codings), start only once the
 * series are in, so they do not compete with the charts for the database.
 * Unlike the API, the page does not refuse a link naming an actor that no
 * longer exists: it leaves the actor out and says so in `notices`.
 */
export async function openDashboard(user: ActingUser, view: DashboardView, options: { width?: number } = {}): Promise<OpenedDashboard> {
  requirePermission(user, "read");
  const filterOptions = listFilterOptions(user);
  // Awaited below or by the page (whose error boundary then shows the failure); until then a rejection is not "unhandled".
  filterOptions.catch(() => {});
  const resolved = await resolveScope(user, view);
  const width = clampWidth(options.width);
  const panels = resolved.targets.map((target) => readStanceSeries(narrowToTarget(resolved, target), width));
  const events = listEventMarkers(resolved.scope.window);
  for (const pending of [...panels, events]) pending.catch(() => {});
  const chartsSettled = () => Promise.allSettled([...panels, events]);
  return {
    view,
    window: resolved.scope.window,
    unit: resolved.unit,
    targets: resolved.targets,
    options: await filterOptions,
    notices: resolved.unknownActors.map((slug) => `No actor is known by “${slug}”; it was left out.`),
    panels,
    events,
    loadMatrix: async () => {
      await chartsSettled();
      return runStanceMatrix(resolved);
    },
    loadShifts: async () => {
      await chartsSettled();
      return runStanceShifts(resolved);
    },
  };
}

/** Everything the dashboard page shows for a view, at once (see openDashboard); the panels' series joined as the API returns them. */
export async function getDashboard(user: ActingUser, view: DashboardView, options: { width?: number } = {}): Promise<DashboardData> {
  const opened = await openDashboard(user, view, options);
  const [panels, events, matrix, shifts] = await Promise.all([
    Promise.all(opened.panels),
    opened.events,
    opened.loadMatrix(),
    opened.loadShifts(),
  ]);
  const series: StanceSeriesResult = {
    window: opened.window,
    unit: opened.unit,
    targets: opened.targets,
    series: panels.flatMap((panel) => panel.series),
    omittedSpeakers: panels.flatMap((panel) => panel.omittedSpeakers),
    downsampled: panels.some((panel) => panel.downsampled),
    events,
  };
  return { view, series, options: opened.options, notices: opened.notices, matrix, shifts };
}
