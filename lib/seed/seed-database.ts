// Writes the seed corpus into a database. Creates what is missing and never
// updates what exists, so running it twice changes nothing and an analyst's
// later edits to seeded records survive a re-seed.
import type { Prisma } from "../generated/prisma/client";
import type { Database } from "../database/prisma";
import { recordAudit, type AuditedEntity } from "../audit/record-audit";
import { QuoteNotFoundError } from "../sources/offsets";
import { hashSourceText } from "../sources/content-hash";
import { hashPassword } from "../users/passwords";
import { actorRecord } from "../actors/records";
import { stanceCodingRecord } from "../codings/records";
import { eventRecord } from "../events/records";
import { scenarioEstimateRecord, scenarioRecord } from "../scenarios/records";
import { sourceFingerprintRecords, sourceRecord } from "../sources/records";
import { statementRecord } from "../statements/records";
import { summariseStance } from "../scenarios/stance-snapshot";
import { codebookContentSchema } from "../codebook/schemas";
import { SeedFileError, type SeedCodebook, type SeedData, type SeedScenarioSet, type SeedUser } from "./seed-files";

type Transaction = Prisma.TransactionClient;

export type SeedSummary = {
  /** Rows created per model; all zero on a second run. */
  created: Record<
    | "users"
    | "actors"
    | "sources"
    | "statements"
    | "codings"
    | "events"
    | "scenarioSets"
    | "scenarios"
    | "estimates"
    | "indicators"
    | "evidence"
    | "codebookVersions",
    number
  >;
  /** Users created in this run, with the password each was given. */
  newUsers: { email: string; name: string; role: string; password: string; generated: boolean }[];
};

export type PasswordChoice = { password: string; generated: boolean };

function recordCreation(tx: Transaction, entity: AuditedEntity, record: { id: string }) {
  return recordAudit(tx, { userId: null, action: "CREATE", entity, entityId: record.id, after: record });
}

/** Checks every quote against its source text before anything is written. */
function statementRecords(data: SeedData) {
  const sources = new Map(data.sources.map((source) => [source.key, source]));
  return data.statements.map((statement, index) => {
    const source = sources.get(statement.source)!;
    try {
      // Source id and speaker id are filled in once those rows exist.
      const record = statementRecord(statement, { id: "", text: source.text }, "", { occurrence: statement.occurrence });
      return { statement, record };
    } catch (error) {
      if (error instanceof QuoteNotFoundError) {
        throw new SeedFileError(
          `seeds/statements.json, entry ${index + 1} (speaker "${statement.speaker}"): ${error.message} of seeds/${source.textFile}`,
        );
      }
      throw error;
    }
  });
}

async function seedIndicators(
  tx: Transaction,
  scenarioId: string,
  indicators: SeedScenarioSet["scenarios"][number]["indicators"],
  where: string,
) {
  let created = 0;
  for (const indicator of indicators) {
    for (const slug of [indicator.rule.speakers.actorSlug, indicator.rule.targetSlug]) {
      if (!(await tx.actor.findUnique({ where: { slug }, select: { id: true } })))
        throw new SeedFileError(`${where}, indicator "${indicator.title}": no actor "${slug}"`);
    }
    if (await tx.indicator.findFirst({ where: { scenarioId, title: indicator.title }, select: { id: true } })) continue;
    const row = await tx.indicator.create({
      data: { scenarioId, title: indicator.title, effect: indicator.effect, rule: indicator.rule as Prisma.InputJsonValue },
    });
    await recordCreation(tx, "Indicator", row);
    created += 1;
  }
  return created;
}

async function seedEvidence(
  tx: Transaction,
  setId: string,
  set: SeedScenarioSet,
  scenarioIdBySlug: Map<string, string>,
  analystId: string,
) {
  let created = 0;
  for (const [index, evidence] of set.evidence.entries()) {
    const where = `seeds/scenarios.json, set "${set.slug}", evidence ${index + 1}`;
    let statementId: string | null = null;
    let eventId: string | null = null;
    if (evidence.statement) {
      const matches = await tx.statement.findMany({
        where: { speaker: { slug: evidence.statement.speaker }, quote: { startsWith: evidence.statement.quoteStartsWith } },
        select: { id: true },
      });
      if (matches.length !== 1)
        throw new SeedFileError(
          `${where}: the quote start matches ${matches.length} statements by "${evidence.statement.speaker}", not one`,
        );
      statementId = matches[0]!.id;
    } else {
      const event = await tx.event.findUnique({ where: { slug: evidence.event! }, select: { id: true } });
      if (!event) throw new SeedFileError(`${where}: no event "${evidence.event}"`);
      eventId = event.id;
    }
    const existing = await tx.evidence.findFirst({ where: { setId, statementId, eventId, deletedAt: null }, select: { id: true } });
    if (existing) continue;
    const snapshot = statementId ? await stanceSnapshotOf(tx, statementId) : null;
    const row = await tx.evidence.create({
      data: {
        setId,
        statementId,
        eventId,
        credibility: evidence.credibility,
        note: evidence.note,
        codingSnapshot: snapshot ?? undefined,
        createdById: analystId,
      },
    });
    await recordCreation(tx, "Evidence", row);
    created += 1;
    for (const [scenarioSlug, rating] of Object.entries(evidence.ratings)) {
      const scenarioId = scenarioIdBySlug.get(scenarioSlug);
      if (!scenarioId) throw new SeedFileError(`${where}: "${scenarioSlug}" is not a scenario of this set`);
      const assessment = await tx.evidenceAssessment.create({ data: { evidenceId: row.id, scenarioId, rating, ratedById: analystId } });
      await recordCreation(tx, "EvidenceAssessment", assessment);
    }
  }
  return created;
}

async function stanceSnapshotOf(tx: Transaction, statementId: string) {
  const [codings, adjudications] = await Promise.all([
    tx.stanceCoding.findMany({
      where: { statementId, deletedAt: null },
      select: { statementId: true, targetId: true, score: true, target: { select: { name: true } } },
    }),
    tx.adjudication.findMany({ where: { statementId, deletedAt: null }, select: { statementId: true, targetId: true, score: true } }),
  ]);
  return (
    summariseStance(
      codings.map((coding) => ({ ...coding, targetName: coding.target.name })),
      adjudications,
    ).get(statementId) ?? {}
  );
}

/** Publishes the seeded codebook as version 1, unless a codebook exists already. */
async function seedCodebook(tx: Transaction, codebook: SeedCodebook): Promise<number> {
  if ((await tx.codebookVersion.count()) > 0) return 0;
  const examples = [];
  for (const [index, example] of codebook.examples.entries()) {
    const matches = await tx.statement.findMany({
      where: { speaker: { slug: example.statement.speaker }, quote: { startsWith: example.statement.quoteStartsWith }, deletedAt: null },
      select: { id: true, quote: true, speaker: { select: { name: true } } },
    });
    if (matches.length !== 1)
      throw new SeedFileError(
        `seeds/codebook.json, example ${index + 1}: the quote start matches ${matches.length} statements by "${example.statement.speaker}", not one`,
      );
    const statement = matches[0]!;
    examples.push({
      statementId: statement.id,
      quote: statement.quote,
      speakerName: statement.speaker.name,
      score: example.score,
      explanation: example.explanation,
    });
  }
  const content = codebookContentSchema.parse({ ...codebook, examples });
  const row = await tx.codebookVersion.create({ data: { number: 1, content } });
  await recordCreation(tx, "CodebookVersion", row);
  return 1;
}

export async function seedDatabase(db: Database, data: SeedData, choosePassword: (user: SeedUser) => PasswordChoice): Promise<SeedSummary> {
  const located = statementRecords(data);
  const created: SeedSummary["created"] = {
    users: 0,
    actors: 0,
    sources: 0,
    statements: 0,
    codings: 0,
    events: 0,
    scenarioSets: 0,
    scenarios: 0,
    estimates: 0,
    indicators: 0,
    evidence: 0,
    codebookVersions: 0,
  };

  // Hashing is slow by design; do it before the transaction opens.
  const existingEmails = new Set((await db.user.findMany({ select: { email: true } })).map((user) => user.email));
  const newUsers = await Promise.all(
    data.users
      .filter((user) => !existingEmails.has(user.email))
      .map(async (user) => {
        const choice = choosePassword(user);
        return { user, ...choice, passwordHash: await hashPassword(choice.password) };
      }),
  );

  await db.$transaction(
    async (tx) => {
      for (const { user, passwordHash } of newUsers) {
        const row = await tx.user.create({ data: { email: user.email, name: user.name, role: user.role, passwordHash } });
        await recordCreation(tx, "User", row);
        created.users += 1;
      }
      const userIds = new Map((await tx.user.findMany({ select: { id: true, email: true } })).map((user) => [user.email, user.id]));
      const userIdByKey = new Map(data.users.map((user) => [user.key, userIds.get(user.email)!]));

      const actorIds = new Map<string, string>();
      for (const actor of data.actors) {
        const { speaksFor, ...input } = actor;
        let row = await tx.actor.findUnique({ where: { slug: actor.slug } });
        if (!row) {
          row = await tx.actor.create({ data: actorRecord(input, speaksFor ? actorIds.get(speaksFor)! : null) });
          await recordCreation(tx, "Actor", row);
          created.actors += 1;
        }
        actorIds.set(actor.slug, row.id);
      }

      const sourceRows = new Map<string, { id: string; text: string }>();
      for (const source of data.sources) {
        let row = await tx.source.findUnique({ where: { contentHash: hashSourceText(source.text) }, select: { id: true, text: true } });
        if (!row) {
          const createdRow = await tx.source.create({ data: sourceRecord(source, source.text) });
          const fingerprint = sourceFingerprintRecords(createdRow.id, source.text);
          await tx.sourceFingerprint.create({ data: fingerprint.fingerprint });
          await tx.sourceFingerprintBand.createMany({ data: fingerprint.bands });
          await recordCreation(tx, "Source", createdRow);
          created.sources += 1;
          row = createdRow;
        }
        sourceRows.set(source.key, row);
      }

      for (const { statement, record } of located) {
        const source = sourceRows.get(statement.source)!;
        const speakerId = actorIds.get(statement.speaker)!;
        let row = await tx.statement.findUnique({
          where: {
            sourceId_speakerId_startOffset_endOffset: {
              sourceId: source.id,
              speakerId,
              startOffset: record.startOffset,
              endOffset: record.endOffset,
            },
          },
        });
        if (!row) {
          row = await tx.statement.create({ data: { ...record, sourceId: source.id, speakerId } });
          await recordCreation(tx, "Statement", row);
          created.statements += 1;
        }
        for (const coding of statement.codings) {
          const { target, coder, ...input } = coding;
          const targetId = actorIds.get(target)!;
          const coderId = userIdByKey.get(coder)!;
          // Deleted codings count too: a re-seed must not resurrect what an analyst deleted.
          const existing = await tx.stanceCoding.findFirst({ where: { statementId: row.id, targetId, coderId }, select: { id: true } });
          if (existing) continue;
          const codingRow = await tx.stanceCoding.create({ data: stanceCodingRecord(input, row, targetId, coderId) });
          await recordCreation(tx, "StanceCoding", codingRow);
          created.codings += 1;
        }
      }

      for (const event of data.events) {
        if (await tx.event.findUnique({ where: { slug: event.slug }, select: { id: true } })) continue;
        const row = await tx.event.create({ data: eventRecord(event) });
        await recordCreation(tx, "Event", row);
        created.events += 1;
      }

      for (const set of data.scenarioSets) {
        const { scenarios, ...setInput } = set;
        let setRow = await tx.scenarioSet.findUnique({ where: { slug: set.slug } });
        if (!setRow) {
          setRow = await tx.scenarioSet.create({
            data: {
              slug: setInput.slug,
              title: setInput.title,
              description: setInput.description,
              mutuallyExclusive: setInput.mutuallyExclusive,
            },
          });
          await recordCreation(tx, "ScenarioSet", setRow);
          created.scenarioSets += 1;
        }
        const scenarioIdBySlug = new Map<string, string>();
        for (const scenario of scenarios) {
          const { initialEstimate, indicators, ...scenarioInput } = scenario;
          let scenarioRow = await tx.scenario.findUnique({ where: { slug: scenario.slug } });
          if (!scenarioRow) {
            scenarioRow = await tx.scenario.create({ data: scenarioRecord(scenarioInput, setRow.id) });
            await recordCreation(tx, "Scenario", scenarioRow);
            created.scenarios += 1;
          }
          scenarioIdBySlug.set(scenario.slug, scenarioRow.id);
          created.indicators += await seedIndicators(tx, scenarioRow.id, indicators, `seeds/scenarios.json, scenario "${scenario.slug}"`);
          const { analyst, ...estimateInput } = initialEstimate;
          const estimate = scenarioEstimateRecord(estimateInput, scenarioRow.id, userIdByKey.get(analyst)!);
          const existing = await tx.scenarioEstimate.findFirst({
            where: { scenarioId: estimate.scenarioId, analystId: estimate.analystId, estimatedOn: estimate.estimatedOn },
            select: { id: true },
          });
          if (existing) continue;
          const estimateRow = await tx.scenarioEstimate.create({ data: estimate });
          await recordCreation(tx, "ScenarioEstimate", estimateRow);
          created.estimates += 1;
        }
        if (set.evidence.length) {
          const analystKey = set.evidenceAnalyst ?? data.users.find((user) => user.role === "ANALYST")?.key;
          const analystId = analystKey ? userIdByKey.get(analystKey) : undefined;
          if (!analystId) throw new SeedFileError(`seeds/scenarios.json, set "${set.slug}": evidenceAnalyst names no seeded user`);
          created.evidence += await seedEvidence(tx, setRow.id, set, scenarioIdBySlug, analystId);
        }
      }
      created.codebookVersions += await seedCodebook(tx, data.codebook);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );

  return {
    created,
    newUsers: newUsers.map(({ user, password, generated }) => ({
      email: user.email,
      name: user.name,
      role: user.role,
      password,
      generated,
    })),
  };
}
