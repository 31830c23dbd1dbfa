// The dashboard's whole state, as it lives in the URL: a link reproduces the
// view, and back and forward step through filter changes. Pure, no I/O.
import { z } from "zod";
import { isoDateSchema, slugSchema } from "../validation";

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

const slugListSchema = z
  .string()
  .transform((text) =>
    text
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(slugSchema).max(200, "name at most 200 actors"));

const parameterSchemas = {
  speakers: slugListSchema,
  speaksFor: slugListSchema,
  targets: slugListSchema,
  from: isoDateSchema,
  to: isoDateSchema,
  unit: z.enum(timeUnits, { error: "choose day, week or month" }),
  directQuotesOnly: z.literal("direct", { error: "the only value is “direct”" }).transform(() => true),
  minimumConfidence: z
    .string()
    .transform((text) => text.toUpperCase())
    .pipe(z.enum(confidenceLevels, { error: "choose low, medium or high" })),
  adjudicatedOnly: z.literal("only", { error: "the only value is “only”" }).transform(() => true),
} satisfies { [Key in keyof DashboardView]: z.ZodType };

export type DashboardViewProblem = { parameter: string; message: string };

type ParameterSource = URLSearchParams | Record<string, string | string[] | undefined>;

function readParameter(source: ParameterSource, name: string): string | undefined {
  if (source instanceof URLSearchParams) return source.getAll(name).join(",") || undefined;
  const value = source[name];
  return Array.isArray(value) ? value.join(",") || undefined : value || undefined;
}

/**
 * The view a URL asks for. A parameter that does not parse is left at its
 * default and reported, so a page can say what it ignored and an API can
 * refuse the request naming the parameter.
 */
export function parseDashboardView(source: ParameterSource): { view: DashboardView; problems: DashboardViewProblem[] } {
  const view: DashboardView = { ...defaultDashboardView };
  const problems: DashboardViewProblem[] = [];
  for (const key of Object.keys(parameterSchemas) as (keyof DashboardView)[]) {
    const parameter = dashboardParameters[key];
    const raw = readParameter(source, parameter);
    if (raw === undefined) continue;
    const result = parameterSchemas[key].safeParse(raw);
    if (result.success) (view as Record<string, unknown>)[key] = result.data;
    else problems.push({ parameter, message: `“${parameter}”: ${result.error.issues[0]?.message ?? "not understood"}` });
  }
  if (view.from && view.to && view.from > view.to) {
    problems.push({ parameter: "to", message: "“to” must not be before “from”" });
    view.to = null;
  }
  return { view, problems };
}

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

/** The chart's width in pixels, which the server uses to keep to about one point per pixel. */
export const chartWidthSchema = z.coerce
  .number({ error: "“width” must be a number of pixels" })
  .int("“width” must be a whole number of pixels")
  .min(100, "“width” must be at least 100 pixels")
  .max(4000, "“width” must be at most 4000 pixels");

/** For API callers: the view and chart width a query string asks for, or the first problem with it. */
export function parseDashboardRequest(params: URLSearchParams): { view: DashboardView; width: number | undefined; problems: string[] } {
  const { view, problems } = parseDashboardView(params);
  const messages = problems.map((problem) => problem.message);
  const rawWidth = params.get("width");
  let width: number | undefined;
  if (rawWidth !== null) {
    const parsed = chartWidthSchema.safeParse(rawWidth);
    if (parsed.success) width = parsed.data;
    else messages.push(parsed.error.issues[0]?.message ?? "“width” is not understood");
  }
  return { view, width, problems: messages };
}
