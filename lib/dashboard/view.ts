// The dashboard's whole state, as it lives in the URL: a link reproduces the
// view, and back and forward step through filter changes. Pure, no I/O.
import { z } from "zod";
import { isoDateSchema, slugSchema } from "../validation";
import { confidenceLevels, dashboardParameters, defaultDashboardView, timeUnits, type DashboardView } from "./view-url";

export {
  confidenceLevels,
  dashboardParameters,
  dashboardSearchParams,
  defaultDashboardView,
  timeUnits,
  type ConfidenceLevel,
  type DashboardView,
  type TimeUnit,
} from "./view-url";

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
