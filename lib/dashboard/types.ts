// What the dashboard's data layer returns: plain, serialisable objects that
// pages hand to client components and the data endpoint returns as JSON.
import type { ConfidenceLevel, DashboardView, TimeUnit } from "./view";

export type DateWindow = { from: string; to: string };

export type ActorOption = { id: string; slug: string; name: string };

/** How a statement's value toward a target was reached. */
export type ScoreBasis = "adjudicated" | "mean";

/** The statement behind a chart point, for its tooltip and its link into the source. */
export type PointStatement = {
  id: string;
  quote: string;
  sourceId: string;
  sourceTitle: string;
  coders: string[];
  basis: ScoreBasis;
  /** The date as stored (a month-precision statement is stored on the 1st of its month); absent in older fixtures, then `at`. */
  saidOn?: string;
  /** A MONTH statement is charted at the middle of its month and labelled with the month (lib/dashboard/date-precision.ts); absent means DAY. */
  datePrecision?: "DAY" | "MONTH";
};

/**
 * One chart point. Where a series has more statements than its share of the
 * chart's pixels, the server merges those falling in one pixel column into a
 * single point (statementCount > 1, statement null) and keeps their range.
 */
export type StancePoint = {
  /** YYYY-MM-DD: the statement's date, or the mean date of the merged statements. */
  at: string;
  score: number;
  statementCount: number;
  minimumScore: number;
  maximumScore: number;
  statement: PointStatement | null;
};

/** The mean of a series' statement values over one day, week or month (or a merged run of them when downsampled). */
export type BucketMean = {
  /** YYYY-MM-DD: first day of the bucket. */
  start: string;
  score: number;
  statementCount: number;
};

export type StanceSeries = {
  speaker: ActorOption;
  target: ActorOption;
  statementCount: number;
  codingCount: number;
  points: StancePoint[];
  means: BucketMean[];
};

/**
 * What a chart and its data table draw of a series: the speaker, the points
 * and the means. The page sends this, not the whole series, to the browser
 * (lib/dashboard/chart-series.ts); the counts and the target stay on the server.
 */
export type ChartSeries = { speaker: Pick<ActorOption, "id" | "name">; points: StancePoint[]; means: BucketMean[] };

export type ChartEventMarker = { id: string; slug: string; title: string; occurredOn: string; kind: string; description: string };

export type StanceSeriesResult = {
  window: DateWindow;
  unit: TimeUnit;
  /** The targets charted, each a panel, in order. */
  targets: ActorOption[];
  /** Per target, the speakers charted (most statements first) and how many more were left out of the chart. */
  series: StanceSeries[];
  omittedSpeakers: { targetId: string; count: number }[];
  /** True when some points or means were merged to keep within one point per pixel. */
  downsampled: boolean;
  events: ChartEventMarker[];
};

export type MatrixCell = {
  targetId: string;
  mean: number | null;
  statementCount: number;
  codingCount: number;
  previousMean: number | null;
  previousStatementCount: number;
  /** mean − previousMean, when both windows have statements. */
  change: number | null;
};

export type StanceMatrix = {
  window: DateWindow;
  /** The days of the same length just before the window, cut short at 0001-01-01; null when the window starts there. */
  previousWindow: DateWindow | null;
  targets: ActorOption[];
  rows: { speaker: ActorOption; cells: MatrixCell[] }[];
};

export type ShiftStatement = {
  id: string;
  quote: string;
  saidOn: string;
  /** A MONTH statement is shown as its month, never as the 1st. */
  datePrecision?: "DAY" | "MONTH";
  score: number;
  sourceId: string;
  inLaterBucket: boolean;
};

export type StanceShift = {
  speaker: ActorOption;
  target: ActorOption;
  before: BucketMean;
  after: BucketMean;
  change: number;
  /** Welch 95 % interval of the change; null when a side has one statement or neither varies (lib/dashboard/shift-uncertainty.ts). */
  interval: { lower: number; upper: number } | null;
  /** False when either side has fewer statements than the minimum: listed after the ranked shifts, not ranked. */
  ranked: boolean;
  minimumStatements: number;
  statements: ShiftStatement[];
  events: ChartEventMarker[];
};

export type DashboardFilterOptions = {
  speakers: ActorOption[];
  /** Actors others speak for (states, organisations). */
  represented: ActorOption[];
  targets: ActorOption[];
  trackedTargetSlugs: string[];
  confidenceLevels: readonly ConfidenceLevel[];
};

export type DashboardData = {
  view: DashboardView;
  series: StanceSeriesResult;
  matrix: StanceMatrix;
  shifts: StanceShift[];
  options: DashboardFilterOptions;
  /** What the page left out of the view and why (e.g. a link naming an actor that no longer exists). */
  notices: string[];
};
