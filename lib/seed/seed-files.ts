// The seed corpus: readable JSON files under seeds/, validated on load so a
// malformed entry stops the seed with a message naming the file and entry.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { actorSchema } from "../actors/schemas";
import { codebookContentSchema, codebookExampleSchema } from "../codebook/schemas";
import { scoreSchema, stanceCodingSchema } from "../codings/schemas";
import { eventSchema } from "../events/schemas";
import { consistencyRatings, evidenceCredibilities } from "../scenarios/ach";
import { indicatorRuleSchema } from "../indicators/rules";
import { indicatorEffects } from "../scenarios/labels";
import { scenarioEstimateSchema, scenarioSchema, scenarioSetSchema } from "../scenarios/schemas";
import { sourceSchema } from "../sources/schemas";
import { statementSchema } from "../statements/schemas";
import { userSchema } from "../users/schemas";
import { slugSchema } from "../validation";

const userKeySchema = slugSchema;

export const seedUserSchema = userSchema.extend({ key: userKeySchema });
export const seedSourceSchema = sourceSchema.extend({
  key: slugSchema,
  textFile: z.string().regex(/^[\w.-]+\.txt$/, "name a .txt file in seeds/"),
});
export const seedActorSchema = actorSchema.extend({ speaksFor: slugSchema.nullable().default(null) });
export const seedStatementSchema = statementSchema.extend({
  source: slugSchema,
  speaker: slugSchema,
  occurrence: z.number().int().positive().default(1),
  codings: z.array(stanceCodingSchema.extend({ target: slugSchema, coder: userKeySchema })).default([]),
});
export const seedEventSchema = eventSchema;
export const seedIndicatorSchema = z.object({
  title: z.string().min(1),
  effect: z.enum(indicatorEffects),
  rule: indicatorRuleSchema,
});
// A statement is named by its speaker and the start of its quote, which must match exactly one seeded statement.
export const seedEvidenceSchema = z
  .object({
    statement: z
      .object({ speaker: slugSchema, quoteStartsWith: z.string().min(10, "give at least 10 characters of the quote") })
      .optional(),
    event: slugSchema.optional(),
    credibility: z.enum(evidenceCredibilities),
    note: z.string().default(""),
    // Scenario slug → rating.
    ratings: z.record(slugSchema, z.enum(consistencyRatings)),
  })
  .refine((evidence) => (evidence.statement === undefined) !== (evidence.event === undefined), "name either a statement or an event");
export const seedScenarioFileSchema = z.object({
  sets: z.array(
    scenarioSetSchema.extend({
      scenarios: z
        .array(
          scenarioSchema.extend({
            initialEstimate: scenarioEstimateSchema.extend({ analyst: userKeySchema }),
            indicators: z.array(seedIndicatorSchema).default([]),
          }),
        )
        .min(1),
      evidenceAnalyst: userKeySchema.optional(),
      evidence: z.array(seedEvidenceSchema).default([]),
    }),
  ),
});

// The first codebook version; worked examples name statements as evidence does.
export const seedCodebookSchema = codebookContentSchema.omit({ examples: true }).extend({
  examples: z.array(
    z.object({
      statement: z.object({ speaker: slugSchema, quoteStartsWith: z.string().min(10, "give at least 10 characters of the quote") }),
      score: scoreSchema,
      explanation: codebookExampleSchema.shape.explanation,
    }),
  ),
});
export type SeedCodebook = z.infer<typeof seedCodebookSchema>;

export type SeedUser = z.infer<typeof seedUserSchema>;
export type SeedSource = z.infer<typeof seedSourceSchema> & { text: string };
export type SeedActor = z.infer<typeof seedActorSchema>;
export type SeedStatement = z.infer<typeof seedStatementSchema>;
export type SeedEvent = z.infer<typeof seedEventSchema>;
export type SeedScenarioSet = z.infer<typeof seedScenarioFileSchema>["sets"][number];

export type SeedData = {
  users: SeedUser[];
  sources: SeedSource[];
  actors: SeedActor[];
  statements: SeedStatement[];
  events: SeedEvent[];
  scenarioSets: SeedScenarioSet[];
  codebook: SeedCodebook;
};

export class SeedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedFileError";
  }
}

function describeEntry(value: unknown): string {
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of ["key", "slug", "email", "quote"]) {
      const text = record[key];
      if (typeof text === "string") return ` (${key} "${text.length > 50 ? `${text.slice(0, 47)}…` : text}")`;
    }
  }
  return "";
}

async function readJson(directory: string, file: string): Promise<unknown> {
  const text = await readFile(path.join(directory, file), "utf8").catch(() => {
    throw new SeedFileError(`seeds/${file} is missing`);
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SeedFileError(`seeds/${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Validates a file holding an array, naming the first bad entry. */
function parseEntries<T>(file: string, raw: unknown, schema: z.ZodType<T>): T[] {
  if (!Array.isArray(raw)) throw new SeedFileError(`seeds/${file} must hold a JSON array`);
  return raw.map((entry, index) => {
    const result = schema.safeParse(entry);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      throw new SeedFileError(`seeds/${file}, entry ${index + 1}${describeEntry(entry)}: ${where}${issue?.message ?? "invalid"}`);
    }
    return result.data;
  });
}

function requireUnique<T>(file: string, entries: T[], keyOf: (entry: T) => string, what: string) {
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = keyOf(entry);
    if (seen.has(key)) throw new SeedFileError(`seeds/${file}: ${what} "${key}" appears twice`);
    seen.add(key);
  }
}

function requireKnown(file: string, known: Set<string>, key: string, what: string, context: string) {
  if (!known.has(key)) throw new SeedFileError(`seeds/${file}, ${context}: unknown ${what} "${key}"`);
}

/** Reads and validates every seed file in `directory`, including cross-references. */
export async function loadSeedFiles(directory: string): Promise<SeedData> {
  const users = parseEntries("users.json", await readJson(directory, "users.json"), seedUserSchema);
  const sourceEntries = parseEntries("sources.json", await readJson(directory, "sources.json"), seedSourceSchema);
  const actors = parseEntries("actors.json", await readJson(directory, "actors.json"), seedActorSchema);
  const statements = parseEntries("statements.json", await readJson(directory, "statements.json"), seedStatementSchema);
  const events = parseEntries("events.json", await readJson(directory, "events.json"), seedEventSchema);
  const scenarioResult = seedScenarioFileSchema.safeParse(await readJson(directory, "scenarios.json"));
  if (!scenarioResult.success) {
    const issue = scenarioResult.error.issues[0];
    throw new SeedFileError(`seeds/scenarios.json: ${issue?.path.join(".")}: ${issue?.message}`);
  }

  const codebookResult = seedCodebookSchema.safeParse(await readJson(directory, "codebook.json"));
  if (!codebookResult.success) {
    const issue = codebookResult.error.issues[0];
    throw new SeedFileError(`seeds/codebook.json: ${issue?.path.join(".")}: ${issue?.message}`);
  }

  requireUnique("users.json", users, (user) => user.key, "user key");
  requireUnique("users.json", users, (user) => user.email, "e-mail");
  requireUnique("sources.json", sourceEntries, (source) => source.key, "source key");
  requireUnique("actors.json", actors, (actor) => actor.slug, "actor slug");
  requireUnique("events.json", events, (event) => event.slug, "event slug");

  const userKeys = new Set(users.map((user) => user.key));
  const sourceKeys = new Set(sourceEntries.map((source) => source.key));
  const actorSlugs = new Set<string>();
  actors.forEach((actor, index) => {
    // Parents first, so every actor can be created after the one it speaks for.
    if (actor.speaksFor)
      requireKnown("actors.json", actorSlugs, actor.speaksFor, "actor (list it earlier)", `entry ${index + 1} ("${actor.slug}") speaksFor`);
    actorSlugs.add(actor.slug);
  });
  statements.forEach((statement, index) => {
    const context = `entry ${index + 1}`;
    requireKnown("statements.json", sourceKeys, statement.source, "source", context);
    requireKnown("statements.json", actorSlugs, statement.speaker, "speaker", context);
    const pairs = new Set<string>();
    for (const coding of statement.codings) {
      requireKnown("statements.json", actorSlugs, coding.target, "target", context);
      requireKnown("statements.json", userKeys, coding.coder, "coder", context);
      const pair = `${coding.target}/${coding.coder}`;
      if (pairs.has(pair))
        throw new SeedFileError(`seeds/statements.json, ${context}: ${coding.coder} codes it toward ${coding.target} twice`);
      pairs.add(pair);
    }
  });
  const scenarioSets = scenarioResult.data.sets;
  for (const set of scenarioSets) {
    for (const scenario of set.scenarios) {
      requireKnown("scenarios.json", userKeys, scenario.initialEstimate.analyst, "analyst", `scenario "${scenario.slug}"`);
    }
  }

  const sources: SeedSource[] = await Promise.all(
    sourceEntries.map(async (source) => {
      const text = await readFile(path.join(directory, source.textFile), "utf8").catch(() => {
        throw new SeedFileError(`seeds/sources.json, source "${source.key}": its text file seeds/${source.textFile} is missing`);
      });
      return { ...source, text };
    }),
  );
  codebookResult.data.examples.forEach((example, index) =>
    requireKnown("codebook.json", actorSlugs, example.statement.speaker, "speaker", `example ${index + 1}`),
  );
  return { users, sources, actors, statements, events, scenarioSets, codebook: codebookResult.data };
}
