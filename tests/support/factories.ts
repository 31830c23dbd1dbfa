// Test records built through the same record builders the seed uses, with
// unique keys so tests never collide with the seed or with each other.
import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/database/prisma";
import { actorRecord } from "@/lib/actors/records";
import { stanceCodingRecord } from "@/lib/codings/records";
import { scenarioRecord } from "@/lib/scenarios/records";
import { sourceRecord } from "@/lib/sources/records";
import { statementRecord } from "@/lib/statements/records";

function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createActor(db: Database, overrides: { name?: string; isTrackedTarget?: boolean; speaksForId?: string | null } = {}) {
  const slug = unique("actor");
  return db.actor.create({
    data: actorRecord(
      {
        slug,
        name: overrides.name ?? `Actor ${slug}`,
        kind: "PERSON",
        office: null,
        wikidataId: null,
        isTrackedTarget: overrides.isTrackedTarget ?? false,
      },
      overrides.speaksForId ?? null,
    ),
  });
}

/** A source; `publishedOn` today puts its statements at the head of coders' queues (newest sources first). */
export async function createSource(
  db: Database,
  text = `An article ${randomUUID()}: "We seek calm," the minister said.`,
  options: { publishedOn?: string } = {},
) {
  const publishedOn = options.publishedOn ?? "2024-10-28";
  return db.source.create({
    data: sourceRecord({ title: "Test article", publisher: "Test Wire", url: null, publishedOn, language: "en" }, text),
  });
}

/** Today's date as the app writes dates (YYYY-MM-DD, UTC). */
export const todayIso = () => new Date().toISOString().slice(0, 10);

export async function createStatement(
  db: Database,
  options: {
    source: { id: string; text: string };
    speakerId: string;
    quote: string;
    saidOn?: string;
    form?: "DIRECT_QUOTE" | "PARAPHRASE";
    saidOnPrecision?: "DAY" | "MONTH";
  },
) {
  return db.statement.create({
    data: statementRecord(
      {
        quote: options.quote,
        saidOn: options.saidOn ?? "2024-10-28",
        saidOnPrecision: options.saidOnPrecision ?? "DAY",
        form: options.form ?? "DIRECT_QUOTE",
        channel: "INTERVIEW",
      },
      options.source,
      options.speakerId,
    ),
  });
}

export async function createUser(db: Database, role: "VIEWER" | "ANALYST" | "ADMIN" = "ANALYST") {
  const name = unique("coder");
  return db.user.create({ data: { email: `${name}@example.test`, name, role } });
}

export async function createStanceCoding(
  db: Database,
  options: {
    statement: { id: string; speakerId: string; saidOn: Date };
    targetId: string;
    coderId: string;
    score: number;
    confidence?: "LOW" | "MEDIUM" | "HIGH";
  },
) {
  return db.stanceCoding.create({
    data: stanceCodingRecord(
      { score: options.score, isConditional: false, confidence: options.confidence ?? "MEDIUM", rationale: "test" },
      options.statement,
      options.targetId,
      options.coderId,
    ),
  });
}

export async function createScenarioSet(db: Database) {
  const slug = unique("set");
  return db.scenarioSet.create({ data: { slug, title: `Scenario set ${slug}`, description: "Competing futures for a test." } });
}

export async function createScenario(db: Database, setId: string, overrides: { title?: string; horizonOn?: string } = {}) {
  const slug = unique("scenario");
  return db.scenario.create({
    data: scenarioRecord(
      {
        slug,
        title: overrides.title ?? `Scenario ${slug}`,
        description: "A test future.",
        resolutionCriteria: "Resolves YES if the test says so.",
        horizonOn: overrides.horizonOn ?? "2025-06-30",
      },
      setId,
    ),
  });
}
