// The dashboard's view as it lives in the URL, without the parsing (lib/dashboard/view.ts, which
// needs zod): the filters, a browser component, import only this, so the page ships no schema code.
// Pure, no I/O.

export const timeUnits = ["day", "week", "month"] as const;
export type TimeUnit = (typeof timeUnits)[number];

export const confidenceLevels = ["LOW", "MEDIUM", "HIGH"] as const;
export type ConfidenceLevel = (typeof confidenceLevels)[number];

export type DashboardView = {
  /** Actor slugs; empty means every speaker. */
  speakers: string[];
  /** Slugs of states or organisations: everyone who speaks for them is included, as is the actor itself. */
  speaksFor: string[];
  /** Actor slugs; empty means the tracked targets. */
  targets: string[];
  /** YYYY-MM-DD; null means chosen from the data. */
  from: string | null;
  to: string | null;
  /** Null means chosen from the window's length. */
  unit: TimeUnit | null;
  directQuotesOnly: boolean;
  /** Codings below this confidence are left out; LOW keeps everything. */
  minimumConfidence: ConfidenceLevel;
  adjudicatedOnly: boolean;
};

export const defaultDashboardView: DashboardView = {
  speakers: [],
  speaksFor: [],
  targets: [],
  from: null,
  to: null,
  unit: null,
  directQuotesOnly: false,
  minimumConfidence: "LOW",
  adjudicatedOnly: false,
};

// URL parameter names: short, readable in a shared link.
export const dashboardParameters = {
  speakers: "speaker",
  speaksFor: "for",
  targets: "target",
  from: "from",
  to: "to",
  unit: "unit",
  directQuotesOnly: "quotes",
  minimumConfidence: "confidence",
  adjudicatedOnly: "adjudicated",
} as const;

/** The canonical query string for a view: defaults are omitted, lists keep their order. */
export function dashboardSearchParams(view: DashboardView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.speakers.length) params.set(dashboardParameters.speakers, view.speakers.join(","));
  if (view.speaksFor.length) params.set(dashboardParameters.speaksFor, view.speaksFor.join(","));
  if (view.targets.length) params.set(dashboardParameters.targets, view.targets.join(","));
  if (view.from) params.set(dashboardParameters.from, view.from);
  if (view.to) params.set(dashboardParameters.to, view.to);
  if (view.unit) params.set(dashboardParameters.unit, view.unit);
  if (view.directQuotesOnly) params.set(dashboardParameters.directQuotesOnly, "direct");
  if (view.minimumConfidence !== "LOW") params.set(dashboardParameters.minimumConfidence, view.minimumConfidence.toLowerCase());
  if (view.adjudicatedOnly) params.set(dashboardParameters.adjudicatedOnly, "only");
  return params;
}
