// The corpus bundle on real PostgreSQL: export, import into an empty database,
// export again gives the same file; conflicts line by line; skipping; every bad
// line in one pass; who may (docs/decisions/0028).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { exportBundle, importBundle } from "@/lib/data/bundle";
import { withDatabase } from "@/lib/database/client";
import { createPrismaClient, type Database } from "@/lib/database/prisma";
import { DomainError } from "@/lib/errors";
import { bundleKindNames } from "@/lib/exchange/bundle-kinds";
import { hashSourceText } from "@/lib/sources/content-hash";
import { applyMigrations } from "@/scripts/database/schema-engine";
import {
  createActor,
  createScenario,
  createScenarioSet,
  createSource,
  createStanceCoding,
  createStatement,
  createUser,
} from "../support/factories";
import { createFreshDatabase } from "../support/test-database";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

async function actingAs(database: Database, email: string) {
  const account = await database.user.findUniqueOrThrow({ where: { email } });
  return { id: account.id, role: account.role, isAdjudicator: account.isAdjudicator };
}
const admin = () => actingAs(db, "admin@stancewatch.local");

type LineError = { line: number; message: string };
function refusal(error: unknown): { status: number; message: string; errors: LineError[]; conflicts: LineError[] } {
  expect(error).toBeInstanceOf(DomainError);
  const domain = error as DomainError;
  const details = domain.details as { errors: LineError[]; conflicts: LineError[] };
  return { status: domain.status, message: domain.message, errors: details.errors, conflicts: details.conflicts };
}

const withoutExportTime = (bundle: string) => bundle.replace(/"exportedAt":"[^"]+"/, '"exportedAt":"…"');
const linesOf = (bundle: string) => bundle.trimEnd().split("\n");
const recordOf = (line: string) => JSON.parse(line) as Record<string, unknown> & { record: string; id: string };

/** One of every record kind, linked as the app links them, on top of the seed. */
let generated: {
  speaker: { id: string; slug: string; name: string };
  statementId: string;
  codingId: string;
  resolvedScenarioId: string;
  reopenedScenarioId: string;
};

beforeAll(async () => {
  const coder = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });
  const adjudicator = await db.user.findUniqueOrThrow({ where: { email: "admin@stancewatch.local" } });
  const state = await createActor(db, { name: "Bundle state" });
  const speaker = await createActor(db, { name: "Bundle speaker", speaksForId: state.id });
  await db.actor.update({ where: { id: speaker.id }, data: { aliases: ["The spokesman", "Sprecher"] } });
  const target = await createActor(db, { isTrackedTarget: true });
  const source = await createSource(db);
  const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
  const coding = await createStanceCoding(db, { statement, targetId: target.id, coderId: coder.id, score: 2 });
  await db.stanceCoding.update({ where: { id: coding.id }, data: { codebookVersion: 1 } });
  await db.adjudication.create({
    data: { statementId: statement.id, targetId: target.id, adjudicatorId: adjudicator.id, score: 1, rationale: "Settled." },
  });
  await db.statementReview.create({ data: { statementId: statement.id, coderId: adjudicator.id } });
  const event = await db.event.create({
    data: {
      slug: `bundle-event-${Date.now()}`,
      title: "Bundle event",
      kind: "DIPLOMATIC",
      occurredOn: new Date("2024-10-20"),
      description: "Talks.",
      actorIds: [state.id, speaker.id],
      sourceIds: [source.id],
      ploverType: "CONSULT",
    },
  });
  const set = await createScenarioSet(db);
  const scenario = await createScenario(db, set.id);
  await db.scenarioEstimate.create({
    data: {
      scenarioId: scenario.id,
      analystId: coder.id,
      probability: 0.37,
      rationale: "Base rate.",
      estimatedOn: new Date("2024-10-29"),
      movedByEventIds: [event.id],
      movedByStatementIds: [statement.id],
    },
  });
  await db.indicator.create({
    data: {
      scenarioId: scenario.id,
      title: "Calm words",
      effect: "SUPPORTS",
      rule: {
        kind: "MEAN_STANCE",
        speakers: { actorSlug: state.slug, includeRepresentatives: true },
        targetSlug: target.slug,
        windowDays: 30,
        comparison: "AT_LEAST",
        threshold: 1,
      },
    },
  });
  const evidence = await db.evidence.create({
    data: {
      setId: set.id,
      statementId: statement.id,
      credibility: "HIGH",
      note: "Direct.",
      codingSnapshot: { [target.id]: { targetName: "T", score: 2 } },
    },
  });
  await db.evidence.create({ data: { setId: set.id, eventId: event.id } });
  await db.evidenceAssessment.create({ data: { evidenceId: evidence.id, scenarioId: scenario.id, rating: "C", ratedById: coder.id } });
  const resolved = await createScenario(db, set.id, { title: "Resolved before the bundle" });
  await db.scenario.update({
    where: { id: resolved.id },
    data: { status: "RESOLVED_NO", resolvedOn: new Date("2024-10-30"), firstResolvedAt: new Date("2024-10-30T09:00:00Z") },
  });
  const reopened = await createScenario(db, set.id, { title: "Resolved, then reopened" });
  await db.scenario.update({ where: { id: reopened.id }, data: { firstResolvedAt: new Date("2024-10-29T15:00:00Z") } });
  generated = { speaker, statementId: statement.id, codingId: coding.id, resolvedScenarioId: resolved.id, reopenedScenarioId: reopened.id };
});

describe("the corpus bundle", () => {
  it("round-trips: export, import into an empty database, export again gives the same file but for the export time", async () => {
    const exported = await exportBundle(await admin());
    const [headerLine, ...recordLines] = linesOf(exported);
    const header = JSON.parse(headerLine!) as {
      format: string;
      formatVersion: number;
      appVersion: string;
      records: Record<string, number>;
    };
    expect(header.format).toBe("stancewatch-bundle");
    expect(header.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    // Every kind is there (the seed and the records made above).
    expect(Object.keys(header.records).sort()).toEqual([...bundleKindNames].sort());
    expect(recordLines.length).toBe(Object.values(header.records).reduce((sum, count) => sum + count, 0));
    const speakerLine = recordLines.map(recordOf).find((record) => record.id === generated.speaker.id)!;
    expect(speakerLine.aliases).toEqual(["The spokesman", "Sprecher"]);
    expect(speakerLine.speaksForId).toBeTruthy();
    const codingLine = recordLines.map(recordOf).find((record) => record.id === generated.codingId)!;
    expect(codingLine).toMatchObject({ record: "coding", coderEmail: "analyst@stancewatch.local", codebookVersion: 1 });
    expect(codingLine).not.toHaveProperty("coderId");
    expect(exported).not.toMatch(/passwordHash|argon2/);

    const fresh = await createFreshDatabase("bundle");
    const client = createPrismaClient(fresh.url, { maxConnections: 2 });
    try {
      await applyMigrations(fresh.url);
      // Accounts do not travel: the new installation has its own, with the same e-mail addresses.
      for (const account of await db.user.findMany())
        await client.user.create({ data: { email: account.email, name: account.name, role: account.role } });
      const started = performance.now();
      const outcome = await withDatabase(client, async () =>
        importBundle(await actingAs(client, "admin@stancewatch.local"), exported, { skipConflicts: false }),
      );
      const importSeconds = (performance.now() - started) / 1000;
      expect(outcome.skipped).toEqual([]);
      expect(outcome.unchanged).toBe(0);
      expect(outcome.created).toEqual(header.records);
      const again = await withDatabase(client, async () => exportBundle(await actingAs(client, "admin@stancewatch.local")));
      expect(withoutExportTime(again)).toBe(withoutExportTime(exported));
      expect(again).not.toBe(exported.replace(/^[^\n]*\n/, "")); // the header is there
      // Derived state is rebuilt, not carried: the codings' adjudicated copies and the sources' fingerprints.
      const coding = await client.stanceCoding.findUniqueOrThrow({ where: { id: generated.codingId } });
      expect(coding.adjudicatedScore).toBe(1);
      expect(await client.sourceFingerprint.count()).toBe(header.records.source);
      // When a scenario's answer was first known travels, a reopened one's too: no estimate recorded later is
      // scored in the new installation either (decision 0012).
      const [resolved, reopened] = await Promise.all(
        [generated.resolvedScenarioId, generated.reopenedScenarioId].map((id) => client.scenario.findUniqueOrThrow({ where: { id } })),
      );
      expect([resolved!.firstResolvedAt, reopened!.status, reopened!.firstResolvedAt]).toEqual([
        new Date("2024-10-30T09:00:00Z"),
        "OPEN",
        new Date("2024-10-29T15:00:00Z"),
      ]);
      // Audited: one entry a record, by the importing administrator.
      expect(await client.auditEntry.count({ where: { action: "CREATE" } })).toBe(recordLines.length);
      console.info(
        `bundle round trip: ${recordLines.length} records, ${(exported.length / 1024).toFixed(0)} KiB, import ${importSeconds.toFixed(2)} s`,
      );
    } finally {
      await client.$disconnect();
      await fresh.drop();
    }
  });

  it("refuses a source whose stated hash is not its text's, which could hide a duplicate or hold a text's place", async () => {
    const lines = linesOf(await exportBundle(await admin()));
    const source = lines.map(recordOf).find((record) => record.record === "source")!;
    const text = `A text no one stored yet ${Date.now()}: "We seek calm," the minister said.`;
    const squatting = { ...source, id: `squat-${Date.now()}`, text, contentHash: source.contentHash };
    const bundle = [JSON.stringify({ ...JSON.parse(lines[0]!), records: undefined }), JSON.stringify(squatting)].join("\n");
    const refused = refusal(await importBundle(await admin(), bundle, { skipConflicts: true }).catch((error: unknown) => error));
    expect(refused.status).toBe(422);
    expect(refused.errors).toEqual([{ line: 2, message: expect.stringMatching(/^contentHash: is not the hash of this source's text/) }]);
  });

  it("refuses a statement whose span starts or ends between the two halves of an emoji, naming the line and the field", async () => {
    const lines = linesOf(await exportBundle(await admin()));
    const template = lines.map(recordOf).find((record) => record.record === "statement" && record.id === generated.statementId)!;
    const text = `Talks ${Date.now()}: "Calm 😀 now, and calm later," the minister said.`;
    const source = await db.source.update({
      where: { id: (await createSource(db, text)).id },
      data: { translation: `Gespräche: „Ruhe 😀 jetzt“, sagte der Minister.`, translationLanguage: "de" },
    });
    const emoji = text.indexOf("😀");
    const translationEmoji = source.translation!.indexOf("😀");
    const statementOf = (id: string, start: number, end: number, passage: { start: number; end: number } | null = null) => ({
      ...template,
      id: `${id}-${Date.now()}`,
      sourceId: source.id,
      quote: text.slice(start, end),
      startOffset: start,
      endOffset: end,
      translationQuote: passage && source.translation!.slice(passage.start, passage.end),
      translationStart: passage && passage.start,
      translationEnd: passage && passage.end,
    });
    const bundle = [
      JSON.stringify({ ...JSON.parse(lines[0]!), records: undefined }),
      JSON.stringify(statementOf("ends-inside", text.indexOf("Calm"), emoji + 1)),
      JSON.stringify(statementOf("starts-inside", emoji + 1, text.indexOf(","))),
      JSON.stringify(
        statementOf("passage-ends-inside", text.indexOf("Calm"), text.indexOf(" now"), {
          start: source.translation!.indexOf("Ruhe"),
          end: translationEmoji + 1,
        }),
      ),
    ].join("\n");
    const refused = refusal(await importBundle(await admin(), bundle, { skipConflicts: true }).catch((error: unknown) => error));
    expect(refused.status).toBe(422);
    const insideCharacter = "inside a character (an emoji or a flag); move it by one";
    expect(refused.errors).toEqual([
      { line: 2, message: `endOffset: the span ends ${insideCharacter}` },
      { line: 3, message: `startOffset: the span starts ${insideCharacter}` },
      { line: 4, message: `translationEnd: the span ends ${insideCharacter}` },
    ]);
    expect(await db.statement.count({ where: { sourceId: source.id } })).toBe(0);
  });

  it("reads a file of format version 1, whose scenarios lack firstResolvedAt, and refuses a resolved one without it in version 2", async () => {
    const records = linesOf(await exportBundle(await admin()));
    const header = JSON.parse(records[0]!) as Record<string, unknown>;
    const stored = records.map(recordOf).find((record) => record.id === generated.resolvedScenarioId)!;
    expect(stored.firstResolvedAt).toBe("2024-10-30T09:00:00.000Z");
    const stamp = Date.now();
    const line = (suffix: string, values: object) =>
      JSON.stringify({ ...stored, id: `scenario-${suffix}-${stamp}`, slug: `scenario-${suffix}-${stamp}`, ...values });
    const version1Line: Record<string, unknown> = { ...stored };
    delete version1Line.firstResolvedAt;
    const version1 = [
      JSON.stringify({ ...header, formatVersion: 1, records: { scenario: 2 } }),
      JSON.stringify({ ...version1Line, id: `scenario-v1-${stamp}`, slug: `scenario-v1-${stamp}` }),
      JSON.stringify({
        ...version1Line,
        id: `scenario-v1-open-${stamp}`,
        slug: `scenario-v1-open-${stamp}`,
        status: "OPEN",
        resolvedOn: null,
      }),
    ].join("\n");
    expect((await importBundle(await admin(), version1, { skipConflicts: false })).created).toEqual({ scenario: 2 });
    const [resolved, open] = await Promise.all(
      [`scenario-v1-${stamp}`, `scenario-v1-open-${stamp}`].map((id) => db.scenario.findUniqueOrThrow({ where: { id } })),
    );
    // Its last change stands in for when it was first resolved, as the migration that added the field did.
    expect([resolved!.firstResolvedAt, open!.firstResolvedAt]).toEqual([new Date(String(stored.updatedAt)), null]);

    const version2 = [
      JSON.stringify({ ...header, records: { scenario: 2 } }),
      line("v2", { firstResolvedAt: null }),
      line("v2-missing", {}),
    ]
      .join("\n")
      .replace(/,"firstResolvedAt":"[^"]*"/, "");
    const refused = refusal(await importBundle(await admin(), version2, { skipConflicts: true }).catch((error: unknown) => error));
    expect(refused.errors).toEqual([
      {
        line: 2,
        message: "firstResolvedAt: a resolved scenario was first resolved at some time: give it (from then on no estimate is scored)",
      },
      { line: 3, message: "firstResolvedAt: is missing" },
    ]);
    expect(await db.scenario.count({ where: { id: { startsWith: "scenario-v2" } } })).toBe(0);
  });

  it("adds no estimate to a scenario already stored, so a bundle cannot backdate a forecast", async () => {
    const lines = linesOf(await exportBundle(await admin()));
    const estimate = lines.map(recordOf).find((record) => record.record === "estimate")!;
    // The same analyst's forecast on the same stored scenario, "recorded" long before.
    const backdated = {
      ...estimate,
      id: `backdated-${Date.now()}`,
      probability: 1,
      estimatedOn: "2020-01-02",
      createdAt: "2020-01-02T09:00:00.000Z",
    };
    const bundle = [JSON.stringify({ ...JSON.parse(lines[0]!), records: undefined }), JSON.stringify(backdated)].join("\n");
    const refused = refusal(await importBundle(await admin(), bundle, { skipConflicts: true }).catch((error: unknown) => error));
    expect(refused.status).toBe(422);
    expect(refused.errors).toEqual([{ line: 2, message: expect.stringMatching(/^scenarioId: that scenario is already stored here/) }]);
    expect(await db.scenarioEstimate.count({ where: { id: backdated.id } })).toBe(0);
  });

  it("imports back unchanged a record whose list names a record deleted since, which its bundle leaves out", async () => {
    const set = await createScenarioSet(db);
    const scenario = await createScenario(db, set.id, { title: "Names a deleted statement" });
    const source = await createSource(db, `Deleted since ${set.slug}: "We wait," he said.`);
    const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We wait," });
    const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });
    await db.scenarioEstimate.create({
      data: {
        scenarioId: scenario.id,
        analystId: analyst.id,
        probability: 0.5,
        rationale: "Even.",
        estimatedOn: new Date("2024-10-29"),
        movedByStatementIds: [statement.id],
      },
    });
    await db.statement.update({ where: { id: statement.id }, data: { deletedAt: new Date() } });
    try {
      const exported = await exportBundle(await admin());
      const again = await importBundle(await admin(), exported, { skipConflicts: false });
      expect(again.created).toEqual({});
      expect(again.unchanged).toBe(linesOf(exported).length - 1);
    } finally {
      await db.statement.update({ where: { id: statement.id }, data: { deletedAt: null } });
    }
  });

  it("imports back unchanged a record whose list names a statement whose source was deleted since", async () => {
    const set = await createScenarioSet(db);
    const scenario = await createScenario(db, set.id, { title: "Names a statement of a deleted source" });
    const source = await createSource(db, `Source deleted since ${set.slug}: "We wait," he said.`);
    const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We wait," });
    const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });
    await db.scenarioEstimate.create({
      data: {
        scenarioId: scenario.id,
        analystId: analyst.id,
        probability: 0.5,
        rationale: "Even.",
        estimatedOn: new Date("2024-10-29"),
        movedByStatementIds: [statement.id],
      },
    });
    await db.source.update({ where: { id: source.id }, data: { deletedAt: new Date() } });
    try {
      const exported = await exportBundle(await admin());
      expect(exported).not.toContain(statement.id);
      const again = await importBundle(await admin(), exported, { skipConflicts: false });
      expect(again.created).toEqual({});
      expect(again.unchanged).toBe(linesOf(exported).length - 1);
    } finally {
      await db.source.update({ where: { id: source.id }, data: { deletedAt: null } });
    }
  });

  it("refuses by line what a file hangs from a deleted source or its statements, even when skipping conflicts", async () => {
    const stamp = Date.now();
    const source = await createSource(db, `Report A ${stamp}: "We seek calm," the minister said.`);
    const live = await createSource(db, `Report B ${stamp}: "We seek calm," the minister said.`);
    const title = `Deleted before the import ${stamp}`;
    await db.source.update({ where: { id: source.id }, data: { title } });
    const [speaker, target] = [await createActor(db), await createActor(db)];
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
    const set = await createScenarioSet(db);
    const scenario = await createScenario(db, set.id);
    const stored = await db.evidence.create({ data: { setId: set.id, statementId: statement.id } });
    const records = linesOf(await exportBundle(await admin()));
    const header = JSON.stringify({ ...JSON.parse(records[0]!), records: undefined });
    const lineOf = (kind: string, id?: string) =>
      records.map(recordOf).find((record) => record.record === kind && (id === undefined || record.id === id))!;
    const sourceLine = lineOf("source", source.id);
    const statementLine = lineOf("statement", statement.id);
    const onStatement = { statementId: statement.id, targetId: target.id };
    const coding = { ...lineOf("coding", generated.codingId), id: `coding-${stamp}`, ...onStatement };
    const adjudication = { ...lineOf("adjudication"), id: `adjudication-${stamp}`, ...onStatement };
    const review = { ...lineOf("statementReview"), id: `review-${stamp}`, statementId: statement.id };
    const evidence = { ...lineOf("evidence"), id: `evidence-${stamp}`, setId: set.id, statementId: statement.id, eventId: null };
    const rating = { ...lineOf("evidenceAssessment"), id: `rating-${stamp}`, evidenceId: stored.id, scenarioId: scenario.id };
    const fileOf = (...lines: object[]) => [header, ...lines.map((line) => JSON.stringify(line))].join("\n");
    const refusedImport = async (file: string) =>
      refusal(await importBundle(await admin(), file, { skipConflicts: true }).catch((error: unknown) => error));
    const restore = "an administrator can restore it from History";
    const statementsInSource = () => db.statement.count({ where: { sourceId: source.id } });
    const hanging = async () =>
      (await db.stanceCoding.count({ where: { statementId: statement.id } })) +
      (await db.adjudication.count({ where: { statementId: statement.id } })) +
      (await db.statementReview.count({ where: { statementId: statement.id } })) +
      (await db.evidence.count({ where: { statementId: statement.id } })) +
      (await db.evidenceAssessment.count({ where: { evidenceId: stored.id } }));

    await db.source.update({ where: { id: source.id }, data: { deletedAt: new Date() } });
    try {
      // The file's source is the deleted one: skipping it does not let a new statement in, nor what hangs from one.
      const newStatement = { ...statementLine, id: `statement-${stamp}`, speakerId: target.id };
      const inFile = await refusedImport(
        fileOf(sourceLine, newStatement, { ...coding, statementId: newStatement.id, targetId: speaker.id }),
      );
      expect(inFile.status).toBe(422);
      expect(inFile.conflicts).toEqual([
        { line: 2, message: `a deleted source with the id ${source.id} is stored: restore it from its history first, or skip this line` },
      ]);
      expect(inFile.errors).toEqual([
        { line: 3, message: `sourceId: the source on line 2, “${title}”, was deleted; ${restore}` },
        { line: 4, message: "statementId: refers to the statement on line 3, which cannot be imported" },
      ]);

      // Named by id, the deleted source and its stored statement take nothing.
      const byId = await refusedImport(
        fileOf({ ...newStatement, id: `statement-b-${stamp}` }, coding, adjudication, review, evidence, rating),
      );
      const ofStatement = `statementId: the statement's source “${title}” was deleted; ${restore}`;
      expect(byId.errors).toEqual([
        { line: 2, message: `sourceId: the source “${title}” was deleted; ${restore}` },
        { line: 3, message: ofStatement },
        { line: 4, message: ofStatement },
        { line: 5, message: ofStatement },
        { line: 6, message: ofStatement },
        {
          line: 7,
          message: `evidenceId: the evidence row with the id "${stored.id}" (or its statement or source) was deleted; ${restore}`,
        },
      ]);

      // A line in a live source under the id of the stored statement: skipping it leaves nothing to hang a coding from.
      const sameId = await refusedImport(fileOf({ ...statementLine, sourceId: live.id }, coding));
      expect(sameId.conflicts).toEqual([
        {
          line: 2,
          message: `a statement with the id ${statement.id} is stored in the source “${title}”, which was deleted; ${restore}, or skip this line`,
        },
      ]);
      expect(sameId.errors).toEqual([
        { line: 3, message: `statementId: the statement on line 2 is in the source “${title}”, which was deleted; ${restore}` },
      ]);
      expect([await statementsInSource(), await hanging()]).toEqual([1, 1]);
    } finally {
      await db.source.update({ where: { id: source.id }, data: { deletedAt: null } });
    }

    // Its source live, a deleted statement named by id, and a deleted actor, are named as deleted, not as unknown.
    await db.statement.update({ where: { id: statement.id }, data: { deletedAt: new Date() } });
    await db.actor.update({ where: { id: target.id }, data: { deletedAt: new Date() } });
    try {
      const byId = await refusedImport(fileOf({ ...coding, id: `coding-c-${stamp}` }, { ...review, id: `review-c-${stamp}` }));
      expect(byId.errors).toEqual([
        { line: 2, message: `statementId: the statement with the id "${statement.id}" (or its source) was deleted; ${restore}` },
        { line: 2, message: `targetId: the actor with the id "${target.id}" was deleted; ${restore}` },
        { line: 3, message: `statementId: the statement with the id "${statement.id}" (or its source) was deleted; ${restore}` },
      ]);
      expect(await hanging()).toBe(1);
    } finally {
      await db.statement.update({ where: { id: statement.id }, data: { deletedAt: null } });
      await db.actor.update({ where: { id: target.id }, data: { deletedAt: null } });
    }
  });

  it("refuses by line and field a text longer than the app's forms allow, and imports a source text at its limit", async () => {
    const records = linesOf(await exportBundle(await admin()));
    const header = JSON.stringify({ ...JSON.parse(records[0]!), records: undefined });
    const lineOf = (kind: string) => records.map(recordOf).find((record) => record.record === kind)!;
    const stamp = Date.now();
    // Hex compresses too little for PostgreSQL to squeeze it into a btree entry, as it would a run of one letter.
    const slug = randomBytes(5000).toString("hex");
    const actor = { ...lineOf("actor"), id: `long-slug-${stamp}`, slug, speaksForId: null, wikidataId: null };
    const event = { ...lineOf("event"), id: `long-title-${stamp}`, slug: `long-title-${stamp}`, title: "x".repeat(201), actorIds: [] };
    const refused = refusal(
      await importBundle(await admin(), [header, JSON.stringify(actor), JSON.stringify(event)].join("\n"), {
        skipConflicts: true,
      }).catch((error: unknown) => error),
    );
    expect(refused.status).toBe(422);
    expect(refused.errors).toEqual([
      { line: 2, message: "slug: must be at most 300 characters" },
      { line: 3, message: "title: must be at most 200 characters" },
    ]);
    expect(await db.actor.count({ where: { id: actor.id } })).toBe(0);

    const text = `A long report ${stamp}: ${"We seek calm. ".repeat(40_000)}`.slice(0, 500_000);
    const source = {
      ...lineOf("source"),
      id: `long-source-${stamp}`,
      title: `A long report ${stamp} `.padEnd(500, "x"),
      text,
      contentHash: hashSourceText(text),
      translation: null,
      translationLanguage: null,
    };
    try {
      const imported = await importBundle(await admin(), [header, JSON.stringify(source)].join("\n"), { skipConflicts: false });
      expect(imported.created).toEqual({ source: 1 });
      expect((await db.source.findUniqueOrThrow({ where: { id: source.id } })).text).toHaveLength(500_000);
    } finally {
      await db.source.deleteMany({ where: { id: source.id } });
    }
  });

  it("refuses by line what a file hangs from a deleted actor or event, even when skipping conflicts", async () => {
    const stamp = Date.now();
    const actor = await createActor(db, { name: `Deleted before the import ${stamp}` });
    const event = await db.event.create({
      data: {
        slug: `deleted-before-the-import-${stamp}`,
        title: `Deleted before the import ${stamp}`,
        kind: "DIPLOMATIC",
        occurredOn: new Date("2024-10-21"),
        description: "Talks.",
      },
    });
    const set = await createScenarioSet(db);
    const records = linesOf(await exportBundle(await admin()));
    const header = JSON.stringify({ ...JSON.parse(records[0]!), records: undefined });
    const lineOf = (kind: string, id?: string) =>
      records.map(recordOf).find((record) => record.record === kind && (id === undefined || record.id === id))!;
    const actorLine = lineOf("actor", actor.id);
    const eventLine = lineOf("event", event.id);
    const file = [
      header,
      JSON.stringify(actorLine),
      JSON.stringify(eventLine),
      JSON.stringify({ ...actorLine, id: `spokesman-${stamp}`, slug: `spokesman-${stamp}`, speaksForId: actor.id }),
      JSON.stringify({ ...eventLine, id: `event-${stamp}`, slug: `event-${stamp}`, actorIds: [actor.id] }),
      JSON.stringify({ ...lineOf("evidence"), id: `evidence-${stamp}`, setId: set.id, statementId: null, eventId: event.id }),
    ].join("\n");
    const restore = "an administrator can restore it from History";

    await db.actor.update({ where: { id: actor.id }, data: { deletedAt: new Date() } });
    await db.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
    try {
      const refused = refusal(await importBundle(await admin(), file, { skipConflicts: true }).catch((error: unknown) => error));
      expect(refused.status).toBe(422);
      expect(refused.conflicts).toEqual([
        { line: 2, message: `a deleted actor with the id ${actor.id} is stored: restore it from its history first, or skip this line` },
        { line: 3, message: `a deleted event with the id ${event.id} is stored: restore it from its history first, or skip this line` },
      ]);
      expect(refused.errors).toEqual([
        { line: 4, message: `speaksForId: the actor on line 2 was deleted; ${restore}` },
        { line: 5, message: `actorIds: the actor on line 2 was deleted; ${restore}` },
        { line: 6, message: `eventId: the event on line 3 was deleted; ${restore}` },
      ]);
      expect(await db.actor.count({ where: { speaksForId: actor.id } })).toBe(0);
      expect(await db.evidence.count({ where: { eventId: event.id } })).toBe(0);
    } finally {
      await db.actor.update({ where: { id: actor.id }, data: { deletedAt: null } });
      await db.event.update({ where: { id: event.id }, data: { deletedAt: null } });
    }
  });

  it("imports into the same database as unchanged, and reports conflicts line by line, importing nothing unless told to skip", async () => {
    const exportStarted = performance.now();
    const exported = await exportBundle(await admin());
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    const importStarted = performance.now();
    // A refusal here names its lines, so a failure says which record did not come back the same.
    const same = await importBundle(await admin(), exported, { skipConflicts: false }).catch((error: unknown) => {
      throw new Error(`The bundle did not import into its own database unchanged: ${JSON.stringify(refusal(error))}`);
    });
    console.info(
      `bundle of the run's database: ${linesOf(exported).length - 1} records, export ${exportSeconds.toFixed(2)} s, import of it all unchanged ${((performance.now() - importStarted) / 1000).toFixed(2)} s`,
    );
    expect(same.created).toEqual({});
    expect(same.unchanged).toBe(linesOf(exported).length - 1);

    const lines = linesOf(exported);
    const speakerIndex = lines.findIndex((line) => line.includes(`"id":"${generated.speaker.id}"`));
    const statementIndex = lines.findIndex(
      (line) => line.startsWith('{"record":"statement"') && line.includes(`"id":"${generated.statementId}"`),
    );
    lines[speakerIndex] = JSON.stringify({ ...recordOf(lines[speakerIndex]!), name: "Renamed in the file" });
    lines[statementIndex] = JSON.stringify({ ...recordOf(lines[statementIndex]!), channel: "PRESS_CONFERENCE" });
    // A new actor under a slug that is taken: a conflict by natural key.
    const newSlugTaken = { ...recordOf(lines[speakerIndex]!), id: "bundle-new-actor-id", name: "Someone else", speaksForId: null };
    // A new actor nobody has: imported only when the conflicts are skipped.
    const brandNew = { ...newSlugTaken, id: `bundle-brand-new-${Date.now()}`, slug: `bundle-brand-new-${Date.now()}`, wikidataId: null };
    lines.push(JSON.stringify(newSlugTaken), JSON.stringify(brandNew));

    const refused = refusal(await importBundle(await admin(), lines.join("\n"), { skipConflicts: false }).catch((error: unknown) => error));
    expect(refused.status).toBe(409);
    expect(refused.errors).toEqual([]);
    expect(refused.conflicts.map((conflict) => conflict.line)).toEqual([speakerIndex + 1, statementIndex + 1, lines.length - 1]);
    expect(refused.conflicts[0]!.message).toMatch(/actor with the id .* is stored with other values \(name\)/);
    expect(refused.conflicts[1]!.message).toMatch(/\(channel\)/);
    expect(refused.conflicts[2]!.message).toMatch(/same slug/);
    expect(await db.actor.count({ where: { id: brandNew.id } })).toBe(0);

    const skipped = await importBundle(await admin(), lines.join("\n"), { skipConflicts: true });
    expect(skipped.skipped.map((conflict) => conflict.line)).toEqual(refused.conflicts.map((conflict) => conflict.line));
    expect(skipped.created).toEqual({ actor: 1 });
    // What is stored was kept.
    expect((await db.actor.findUniqueOrThrow({ where: { id: generated.speaker.id } })).name).toBe(generated.speaker.name);
    expect((await db.statement.findUniqueOrThrow({ where: { id: generated.statementId } })).channel).toBe("INTERVIEW");
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entity: "Actor", entityId: brandNew.id } });
    expect(audit.action).toBe("CREATE");
    await db.actor.delete({ where: { id: brandNew.id } });
  });

  it("reports every bad line in one pass, format errors and dangling references together, and imports nothing", async () => {
    const exported = await exportBundle(await admin());
    const [header, ...records] = linesOf(exported);
    const coding = recordOf(records.find((line) => line.includes(`"id":"${generated.codingId}"`))!);
    const statement = recordOf(records.find((line) => line.startsWith('{"record":"statement"') && line.includes(generated.statementId))!);
    const stamp = Date.now();
    const goodActor = {
      ...recordOf(records.find((line) => line.includes(`"id":"${generated.speaker.id}"`))!),
      id: `ok-${stamp}`,
      slug: `ok-${stamp}`,
      speaksForId: null,
    };
    const file = [
      header,
      JSON.stringify(goodActor), // 2: fine, but not imported since others are bad
      "{ not json", // 3
      JSON.stringify({ record: "planet", id: "x" }), // 4
      JSON.stringify({ ...coding, id: `c1-${stamp}`, statementId: "no-such-statement", score: 9 }), // 5: two problems
      JSON.stringify({ ...coding, id: `c2-${stamp}`, coderEmail: "nobody@example.test" }), // 6
      JSON.stringify({
        ...statement,
        id: `s-${stamp}`,
        startOffset: (statement.startOffset as number) + 1,
        endOffset: (statement.endOffset as number) + 1,
      }), // 7: not verbatim
      JSON.stringify({ ...goodActor, id: `a2-${stamp}`, slug: `a2-${stamp}`, colour: "red" }), // 8: unknown field
      JSON.stringify({ ...coding, id: `c3-${stamp}`, statementId: `s-${stamp}` }), // 9: refers to bad line 7
    ].join("\n");
    const before = await db.auditEntry.count();
    const refused = refusal(await importBundle(await admin(), file, { skipConflicts: true }).catch((error: unknown) => error));
    expect(refused.status).toBe(422);
    expect(refused.message).toMatch(/8 line\(s\) cannot be imported, so nothing was imported/);
    const byLine = (line: number) => refused.errors.filter((error) => error.line === line).map((error) => error.message);
    // The header announces the whole corpus; this file holds a few lines of it.
    expect(byLine(1)[0]).toMatch(/^header: the bundle announces \d+ codebook version\(s\) but holds 0, .*the file may have been cut short/);
    expect(byLine(2)).toEqual([]);
    expect(byLine(3)[0]).toMatch(/invalid JSON/);
    expect(byLine(4)[0]).toMatch(/^record: must be one of/);
    expect(byLine(5)).toEqual([expect.stringMatching(/^score: must be from -3 to 3, not 9/)]);
    expect(byLine(6)[0]).toMatch(/^coderEmail: no account with the e-mail nobody@example.test/);
    expect(byLine(7)[0]).toMatch(/^quote: does not match the source's text/);
    expect(byLine(8)[0]).toMatch(/unknown field "colour"/);
    expect(byLine(9)[0]).toMatch(/^statementId: refers to the statement on line 7, which cannot be imported/);
    expect(await db.actor.count({ where: { id: goodActor.id } })).toBe(0);
    expect(await db.auditEntry.count()).toBe(before);

    // With the format error fixed, the dangling reference is named (it is not held back for a second pass).
    const withoutCounts = JSON.stringify({ ...JSON.parse(header!), records: undefined });
    const dangling = [withoutCounts, JSON.stringify({ ...coding, id: `c4-${stamp}`, statementId: "no-such-statement" })].join("\n");
    const second = refusal(await importBundle(await admin(), dangling, { skipConflicts: false }).catch((error: unknown) => error));
    expect(second.errors).toEqual([
      { line: 2, message: 'statementId: no statement with the id "no-such-statement" in the file or in the database' },
    ]);
  });

  it("refuses a file that is not a bundle, or from a newer format", async () => {
    for (const [text, pattern] of [
      ["", /the file is empty/],
      ['{"actor":"x"}\n', /is this a Stancewatch corpus bundle/],
      ['{"format":"stancewatch-bundle","formatVersion":99,"appVersion":"9.0.0"}\n', /format version 99/],
    ] as const) {
      const refused = refusal(await importBundle(await admin(), text, { skipConflicts: false }).catch((error: unknown) => error));
      expect(refused.status).toBe(422);
      expect(refused.message).toMatch(pattern);
    }
  });

  it("lets whoever can read export, and only administrators import", async () => {
    const viewer = await actingAs(db, "viewer@stancewatch.local");
    const analyst = await actingAs(db, "analyst@stancewatch.local");
    const viewerBundle = await exportBundle(viewer);
    expect(viewerBundle.startsWith('{"format":"stancewatch-bundle"')).toBe(true);
    await expect(exportBundle(null)).rejects.toThrowError(PermissionDeniedError);
    await expect(importBundle(analyst, viewerBundle, { skipConflicts: false })).rejects.toThrowError(PermissionDeniedError);
    await expect(importBundle(viewer, viewerBundle, { skipConflicts: false })).rejects.toThrowError(PermissionDeniedError);
  });

  it("shows an analyst only the codings blind coding lets them see", async () => {
    const other = await createUser(db);
    const mine = await actingAs(db, "second.analyst@stancewatch.local");
    const speaker = await createActor(db);
    const target = await createActor(db);
    const source = await createSource(db);
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
    const hidden = await createStanceCoding(db, { statement, targetId: target.id, coderId: other.id, score: -1 });
    // What else carries the others' scores: the settled score of their disagreement, and the team's stance kept
    // with a piece of evidence.
    const adjudication = await db.adjudication.create({
      data: { statementId: statement.id, targetId: target.id, adjudicatorId: (await admin())!.id, score: -3, rationale: "Settled low." },
    });
    const set = await createScenarioSet(db);
    const evidence = await db.evidence.create({
      data: { setId: set.id, statementId: statement.id, codingSnapshot: { [target.id]: { score: -3, basis: "adjudicated" } } },
    });
    const evidenceIn = (bundle: string) =>
      linesOf(bundle)
        .map(recordOf)
        .find((record) => record.id === evidence.id);

    const blindBundle = await exportBundle(mine);
    expect(blindBundle).not.toContain(`"id":"${hidden.id}"`);
    expect(blindBundle).not.toContain(`"id":"${adjudication.id}"`);
    expect(blindBundle).not.toContain("Settled low.");
    expect(evidenceIn(blindBundle)?.codingSnapshot).toBeNull();
    const fullBundle = await exportBundle(await admin());
    expect(fullBundle).toContain(`"id":"${hidden.id}"`);
    expect(fullBundle).toContain(`"id":"${adjudication.id}"`);
    expect(evidenceIn(fullBundle)?.codingSnapshot).toEqual({ [target.id]: { score: -3, basis: "adjudicated" } });

    // Once they have coded the statement, its adjudication is theirs to see, as its codings are.
    await createStanceCoding(db, { statement, targetId: (await createActor(db)).id, coderId: mine!.id, score: 0 });
    const coded = await exportBundle(mine);
    expect(coded).toContain(`"id":"${hidden.id}"`);
    expect(coded).toContain(`"id":"${adjudication.id}"`);
  });
});
