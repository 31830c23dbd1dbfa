// What the scenario data layer returns: plain, serialisable objects for pages
// and client components.
import type { ChartEventMarker } from "../dashboard/types";
import type { ScenarioStatus } from "../generated/prisma/enums";
import type { IndicatorRule } from "../indicators/rules";
import type { ConsistencyRating, DiagnosticityLabel, EvidenceCredibility } from "./ach";
import type { CalibrationBin } from "./accuracy";
import type { AnalystSetTotal } from "./exclusive-sets";
import type { AnalystEstimateHistory, TeamMedianPoint } from "./estimate-history";

/** The database's own enum: its values and labels are listed once, in lib/scenarios/schemas.ts. */
export type ScenarioStatusValue = ScenarioStatus;
export type IndicatorEffectValue = "SUPPORTS" | "UNDERMINES";

export type ScenarioSummary = {
  id: string;
  slug: string;
  title: string;
  status: ScenarioStatusValue;
  horizonOn: string;
  resolvedOn: string | null;
  /** The median of each analyst's latest estimate; null before anyone estimates. */
  teamMedian: number | null;
  analystCount: number;
  indicatorCount: number;
};

export type ScenarioSetSummary = {
  id: string;
  slug: string;
  title: string;
  description: string;
  scenarios: ScenarioSummary[];
  evidenceCount: number;
};

export type EstimateView = {
  id: string;
  analystId: string;
  analystName: string;
  probability: number;
  rationale: string;
  /** The server's day when it was recorded: what scoring uses. */
  estimatedOn: string;
  /** The date of the information used, as the analyst stated it; shown, never scored. */
  informationAsOf: string | null;
  movedByStatements: { id: string; quote: string; speakerName: string; sourceId: string }[];
  movedByEvents: { id: string; title: string; occurredOn: string }[];
  version: number;
  /** The signed-in analyst recorded it. */
  isMine: boolean;
  /** Theirs, recorded today, on an open scenario: the only estimates that may be withdrawn. */
  canWithdraw: boolean;
  /** False when recorded after the scenario was first resolved: shown, never scored (isScoredEstimate). */
  scored: boolean;
};

export type BrierReport = {
  outcome: 0 | 1;
  resolvedOn: string;
  analysts: {
    analystId: string;
    analystName: string;
    /** Brier (0–2) over the analyst's own days only. */
    brier: number;
    /** Days with a standing forecast. */
    daysScored: number;
    estimateCount: number;
    /** Brier (0–2) over the question's days, the median score standing in before the first forecast (decision 0013). */
    questionBrier: number;
    /** Log score in bits over the question's days, filled the same way. */
    logScore: number;
    /** Mean of (own Brier − median Brier) on the analyst's days; negative beats the team. */
    relativeBrier: number;
    /** Days from the team's first forecast to the resolution. */
    questionDays: number;
  }[];
  /** The team's median forecast, scored the same way (Brier 0–2, its own days). */
  team: { brier: number; daysScored: number } | null;
  meanAnalystBrier: number | null;
};

export type IndicatorView = {
  id: string;
  scenarioId: string;
  title: string;
  rule: IndicatorRule;
  /** The rule in words, with actor names. */
  description: string;
  effect: IndicatorEffectValue;
  /** The date the value is computed for (see `asOf` on the scenario). */
  asOf: string;
  /** Mean stance or statement count; null when a mean has no statements to average. */
  value: number | null;
  triggered: boolean | null;
  /** When triggered last flipped, within the evaluated history; null if it did not. */
  lastChange: { on: string; triggered: boolean } | null;
  /** Daily values for the sparkline, oldest first, ending at `asOf`. */
  history: { on: string; value: number | null }[];
  version: number;
};

export type StatementOption = { id: string; quote: string; speakerName: string; saidOn: string; sourceId: string };
export type EventOption = { id: string; title: string; occurredOn: string };

export type ScenarioDetail = {
  id: string;
  slug: string;
  title: string;
  description: string;
  resolutionCriteria: string;
  horizonOn: string;
  status: ScenarioStatusValue;
  resolvedOn: string | null;
  version: number;
  set: {
    id: string;
    slug: string;
    title: string;
    mutuallyExclusive: boolean;
    scenarios: { id: string; slug: string; title: string; status: ScenarioStatusValue }[];
  };
  /** For a mutually exclusive set: each analyst's latest estimates across it, against 100 %; null otherwise. */
  setTotals: AnalystSetTotal[] | null;
  estimates: EstimateView[];
  history: { analysts: AnalystEstimateHistory[]; teamMedian: TeamMedianPoint[] };
  /** Events within the history chart's span, for its annotations. */
  events: ChartEventMarker[];
  brier: BrierReport | null;
  /**
   * The date indicators are evaluated for: the `asOf` asked for, else today,
   * or the latest coded statement when the corpus ends before today (an
   * archive of 2024 articles has nothing in "the last 30 days" of 2026).
   */
  asOf: string;
  asOfReason: "requested" | "today" | "latest statement";
  indicators: IndicatorView[];
  /** This scenario's column in its set's evidence matrix. */
  evidence: { weightedInconsistency: number; inconsistency: number; ratedEvidenceCount: number; rank: number; of: number } | null;
  /** For the estimate form's "what moved it" pickers. */
  statementOptions: StatementOption[];
  eventOptions: EventOption[];
  /** For the indicator form: every actor, with how many speak for it. */
  actorOptions: { slug: string; name: string; representedCount: number }[];
  canEdit: boolean;
};

export type EvidenceStanceChange = { targetName: string; before: number | null; after: number | null };

export type EvidenceRow = {
  id: string;
  kind: "statement" | "event";
  statement: {
    id: string;
    quote: string;
    speakerName: string;
    saidOn: string;
    sourceId: string;
    stance: { targetName: string; score: number }[];
  } | null;
  event: { id: string; title: string; occurredOn: string; description: string } | null;
  /** The date the evidence is from (statement said, event occurred). */
  date: string;
  credibility: EvidenceCredibility;
  note: string;
  ratings: Record<string, ConsistencyRating | null>;
  /** Each rated cell's version, sent back with a change so that concurrent ratings conflict visibly. */
  ratingVersions: Record<string, number>;
  diagnosticity: number;
  diagnosticityLabel: DiagnosticityLabel;
  /** Non-empty when the statement was re-coded since the row was last reviewed, and the user sees its codings. */
  recoded: EvidenceStanceChange[];
  /**
   * The statement's codings or settled scores changed since the row was last reviewed, but blind coding hides them
   * from the user (`recoded` is then empty): they are told to look again, not what changed toward whom.
   */
  recodedOutOfSight: boolean;
  /**
   * The user sees the statement's codings, which changed since the row was last reviewed without moving its stance
   * toward any target (a rationale edited, a coding that agreed with the mean): nothing to check in the ratings, but
   * coders under blind coding are told to look again (`recodedOutOfSight`) until someone marks the row reviewed.
   */
  changedWithoutStanceChange: boolean;
  version: number;
};

export type EvidenceMatrixView = {
  set: { id: string; slug: string; title: string; description: string };
  scenarios: {
    id: string;
    slug: string;
    title: string;
    status: ScenarioStatusValue;
    inconsistency: number;
    weightedInconsistency: number;
    ratedEvidenceCount: number;
  }[];
  rows: EvidenceRow[];
  statementOptions: StatementOption[];
  eventOptions: EventOption[];
  canEdit: boolean;
};

export type TrackRecordQuestion = {
  scenarioId: string;
  slug: string;
  title: string;
  outcome: 0 | 1;
  resolvedOn: string;
  /** Brier 0–2 over the question's days (decision 0013). */
  brier: number;
  logScore: number;
  relativeBrier: number;
  daysWithForecast: number;
  questionDays: number;
  /** The analyst's last forecast standing on the resolution day. */
  finalProbability: number;
};

export type TrackRecordView = {
  analyst: { id: string; name: string };
  /** Newest resolution first. */
  questions: TrackRecordQuestion[];
  /** Means over the questions, each question counting once; null without a scored question. */
  summary: { questionCount: number; meanBrier: number; meanLogScore: number; meanRelativeBrier: number } | null;
  calibration: CalibrationBin[];
};
