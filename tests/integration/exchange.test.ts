import { afterAll, describe, expect, it } from "vitest";
import { withDatabase } from "@/lib/database/client";
import { createPrismaClient } from "@/lib/database/prisma";
import { applyMigrations } from "@/scripts/database/schema-engine";
import { exportExchangeFile, exportExchangeRows, importExchangeFile, undoCodingImport } from "@/lib/data/exchange";
import { updateStanceCoding } from "@/lib/data/codings";
import { restoreFromAuditEntry } from "@/lib/data/history";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { parseCsv } from "@/lib/exchange/csv";
import { loadSeedFiles } from "@/lib/seed/seed-files";
import { seedDatabase } from "@/lib/seed/seed-database";
import { choosePasswordFromEnvironment, seedDirectory } from "@/lib/seed/run-seed";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { createFreshDatabase } from "../support/test-database";
import { testLane } from "../support/lane";
import { writeWhileSourceIsDeleted } from "../support/locks";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

async function adminOf(database: typeof db) {
  const admin = await database.user.findUniqueOrThrow({ where: { email: "admin@stancewatch.local" } });
  return { id: admin.id, role: admin.role };
}

/** A database with the seed's users, actors and sources but no statements or codings. */
async function emptyOfCodings() {
  const fresh = await createFreshDatabase("exchange");
  await applyMigrations(fresh.url);
  const client = createPrismaClient(fresh.url, { maxConnections: 2 });
  const data = await loadSeedFiles(seedDirectory);
  // No statements, so no evidence rows or codebook examples that quote them either.
  const scenarioSets = data.scenarioSets.map((set) => ({ ...set, evidence: [] }));
  const codebook = { ...data.codebook, examples: [] };
  await seedDatabase(client, { ...data, statements: [], scenarioSets, codebook }, choosePasswordFromEnvironment({}));
  return { fresh, client };
}

/** The file with every adjudicated_score blanked (the last column, the last key). */
function withoutAdjudicatedScores(file: string): string {
  return file.replace(/"adjudicated_score":-?\d+/g, '"adjudicated_score":null').replace(/,-?\d+$/gm, ",");
}

/** A coding by the second analyst of one of the article's statements, toward a target they have not coded it for. */
async function hostileCodingOfTheArticle() {
  const coder = await db.user.findUniqueOrThrow({ where: { email: "second.analyst@stancewatch.local" } });
  const statements = await db.statement.findMany({
    where: { deletedAt: null, source: { publisher: "Financial Times" } },
    include: { codings: { where: { deletedAt: null } } },
    orderBy: { startOffset: "asc" },
  });
  const targets = await db.actor.findMany({ where: { isTrackedTarget: true, deletedAt: null } });
  for (const statement of statements)
    for (const target of targets) {
      if (statement.codings.some((coding) => coding.targetId === target.id && coding.coderId === coder.id)) continue;
      return db.stanceCoding.create({
        data: {
          statementId: statement.id,
          speakerId: statement.speakerId,
          saidOn: statement.saidOn,
          targetId: target.id,
          coderId: coder.id,
          score: -2,
          isConditional: false,
          confidence: "LOW",
          rationale: '=HYPERLINK("http://evil.example/";"click")',
        },
      });
    }
  throw new Error("Every article statement is already coded by the second analyst toward every tracked target");
}

/** An exported line of the seed's article, to build rows of other sources from: every field the file needs is there. */
async function exportedRow(): Promise<Record<string, unknown>> {
  const line = (await exportExchangeFile(await adminOf(db), "jsonl")).split("\n").find((each) => each.includes("Financial Times"))!;
  const row = JSON.parse(line) as Record<string, unknown>;
  delete row.statement_id;
  delete row.adjudicated_score;
  return row;
}

/** A line coding the span `start`–`end` of `source` (the quote cut there), by `speaker` toward `target`. */
function rowOf(
  template: Record<string, unknown>,
  source: { text: string; contentHash: string },
  speaker: { name: string; slug: string },
  target: { name: string; slug: string },
  start: number,
  end: number,
): Record<string, unknown> {
  return {
    ...template,
    actor: speaker.name,
    actor_slug: speaker.slug,
    recipient: target.name,
    recipient_slug: target.slug,
    text: source.text.slice(start, end),
    text_start: start,
    text_end: end,
    source_hash: source.contentHash,
    translation: null,
    translation_start: null,
    translation_end: null,
  };
}

const importErrors = (error: unknown) => {
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).status).toBe(422);
  return ((error as DomainError).details as { errors: { line: number; message: string }[] }).errors;
};

describe("export and import", () => {
  it("round-trips: export, import into a database with no codings, export again gives identical output (CSV and JSON Lines)", async () => {
    const { fresh, client } = await emptyOfCodings();
    // A coding of the article whose rationale a spreadsheet would run as a formula, and a negative score:
    // the CSV writes the one as text (a quote in front) and the other as a number, and both come back exactly.
    const hostile = await hostileCodingOfTheArticle();
    try {
      for (const format of ["csv", "jsonl"] as const) {
        // Only the seed's article: other test files add their own sources to the run's database.
        const exported = await exportExchangeFile(await adminOf(db), format);
        const seedOnly = exported
          .split("\n")
          .filter((line, index) => (format === "csv" && index === 0) || line.includes("Financial Times"))
          .join("\n")
          .concat("\n");
        expect(seedOnly.split("\n").length).toBeGreaterThan(30);
        const outcome = await withDatabase(client, async () =>
          importExchangeFile(await adminOf(client), { format, content: seedOnly, skipInvalid: false }),
        );
        expect(outcome.errors).toEqual([]);
        // The second format's import finds every coding already there.
        expect(format === "csv" ? outcome.imported : outcome.unchanged).toBe(
          seedOnly.trim().split("\n").length - (format === "csv" ? 1 : 0),
        );
        const again = await withDatabase(client, async () => exportExchangeFile(await adminOf(client), format));
        // Adjudications travel in the corpus bundle, not here: the fresh database has none of the run's.
        expect(withoutAdjudicatedScores(again)).toBe(withoutAdjudicatedScores(seedOnly));
        expect(seedOnly).toMatch(
          format === "csv" ? /,statement_id,adjudicated_score,/ : /"statement_id":"[^"]+","adjudicated_score":(-?\d|null),/,
        );
        if (format === "csv") {
          expect(seedOnly).toContain(`,"'${hostile.rationale.replaceAll('"', '""')}",-2,`);
          expect(seedOnly).not.toMatch(/(^|,)"?=HYPERLINK/m);
        }
      }
      const imported = await client.stanceCoding.findFirstOrThrow({ where: { rationale: hostile.rationale } });
      expect(imported.score).toBe(-2);
    } finally {
      await db.stanceCoding.delete({ where: { id: hostile.id } });
      await client.$disconnect();
      await fresh.drop();
    }
  });

  it("names each bad line and imports nothing, unless asked to skip invalid rows", async () => {
    const admin = await adminOf(db);
    const good = (await exportExchangeFile(admin, "jsonl")).split("\n").filter((line) => line.includes("Financial Times"));
    const first = JSON.parse(good[0]!) as Record<string, unknown>;
    // A file written before statement_id and adjudicated_score were added still imports.
    const withoutLaterFields = Object.fromEntries(
      Object.entries(first).filter(([key]) => key !== "statement_id" && key !== "adjudicated_score"),
    );
    const lines = [
      JSON.stringify({ ...withoutLaterFields, coder: "second.analyst@stancewatch.local", comment: "imported" }),
      "{ not json",
      JSON.stringify({ ...first, score: 7 }),
      JSON.stringify({
        ...first,
        text_start: (first.text_start as number) + 1,
        text_end: (first.text_end as number) + 1,
        coder: "viewer@stancewatch.local",
      }),
      JSON.stringify({ ...first, recipient_slug: "atlantis", coder: "viewer@stancewatch.local" }),
    ];
    const before = await db.stanceCoding.count();
    const refused = await importExchangeFile(admin, { format: "jsonl", content: lines.join("\n"), skipInvalid: false }).catch(
      (error: unknown) => error as DomainError,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).status).toBe(422);
    // Malformed lines and rows naming what is not stored are reported together, in one pass.
    const allErrors = ((refused as DomainError).details as { errors: { line: number; message: string }[] }).errors;
    expect(allErrors.map((error) => [error.line, error.message.split(":")[0]])).toEqual([
      [2, "invalid JSON"],
      [3, "score"],
      [4, "text"],
      [5, "recipient_slug"],
    ]);
    expect(allErrors[1]!.message).toMatch(/score: must be at most \+3/);
    expect((refused as DomainError).message).toMatch(/^4 row\(s\) cannot be imported/);
    expect(await db.stanceCoding.count()).toBe(before);

    const skipped = await importExchangeFile(admin, { format: "jsonl", content: lines.join("\n"), skipInvalid: true });
    expect(skipped.skipped.map((error) => error.line)).toEqual([2, 3, 4, 5]);
    expect(skipped.imported + skipped.unchanged).toBe(1);
    expect(await db.stanceCoding.count()).toBe(before + skipped.imported);

    // A viewer may not code, so a file may not make them a coding's coder, whatever the rest of the row.
    const asViewer = JSON.stringify({ ...first, coder: "viewer@stancewatch.local", comment: "a viewer's coding" });
    const refusedViewer = await importExchangeFile(admin, { format: "jsonl", content: asViewer, skipInvalid: false }).catch(
      (error: unknown) => error as DomainError,
    );
    expect(refusedViewer).toBeInstanceOf(DomainError);
    expect(((refusedViewer as DomainError).details as { errors: unknown[] }).errors).toEqual([
      {
        line: 1,
        message: "coder: viewer@stancewatch.local is a viewer, who may not code; only analysts and administrators own codings",
      },
    ]);
    expect(await db.stanceCoding.count({ where: { coder: { email: "viewer@stancewatch.local" } } })).toBe(0);

    const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@stancewatch.local" } });
    await expect(
      importExchangeFile({ id: analyst.id, role: "ANALYST" }, { format: "jsonl", content: lines[0]!, skipInvalid: false }),
    ).rejects.toThrowError(PermissionDeniedError);
  });

  it("records the codebook version the file gives, else the one in force at the import; an unpublished version is refused", async () => {
    const admin = await adminOf(db);
    const first = JSON.parse(
      (await exportExchangeFile(admin, "jsonl")).split("\n").find((line) => line.includes("Financial Times"))!,
    ) as Record<string, unknown>;
    expect(first).toHaveProperty("codebook_version");
    const latest = (await db.codebookVersion.findFirstOrThrow({ orderBy: { number: "desc" } })).number;
    const targets = [await createActor(db), await createActor(db), await createActor(db)];
    const toward = (target: { slug: string; name: string }, version: Record<string, unknown>) => {
      const rest = { ...first };
      delete rest.codebook_version;
      return JSON.stringify({ ...rest, recipient: target.name, recipient_slug: target.slug, comment: "version test", ...version });
    };
    const lines = [toward(targets[0]!, {}), toward(targets[1]!, { codebook_version: 1 }), toward(targets[2]!, { codebook_version: null })];
    try {
      const refused = await importExchangeFile(admin, {
        format: "jsonl",
        content: [...lines, toward(targets[0]!, { codebook_version: 999 })].join("\n"),
        skipInvalid: false,
      }).catch((error: unknown) => error as DomainError);
      expect(((refused as DomainError).details as { errors: { line: number; message: string }[] }).errors).toEqual([
        { line: 4, message: expect.stringMatching(/^codebook_version: version 999 of the codebook is not published here/) },
      ]);
      expect(await db.stanceCoding.count({ where: { targetId: { in: targets.map((target) => target.id) } } })).toBe(0);

      const outcome = await importExchangeFile(admin, { format: "jsonl", content: lines.join("\n"), skipInvalid: false });
      expect(outcome).toMatchObject({ imported: 3, errors: [] });
      const versionOf = async (targetId: string) =>
        (await db.stanceCoding.findFirstOrThrow({ where: { targetId, deletedAt: null } })).codebookVersion;
      expect(await versionOf(targets[0]!.id)).toBe(latest);
      expect(await versionOf(targets[1]!.id)).toBe(1);
      expect(await versionOf(targets[2]!.id)).toBeNull();

      // A CSV without the column is accepted too; the export writes it, empty for "before the codebook".
      const csv = await exportExchangeFile(admin, "csv");
      expect(csv.split("\n")[0]).toMatch(/,codebook_version,/);
      const exported = parseCsv(csv).rows;
      expect(exported.find((row) => row.recipient_slug === targets[1]!.slug)?.codebook_version).toBe(1);
      expect(exported.find((row) => row.recipient_slug === targets[2]!.slug)?.codebook_version).toBeNull();
    } finally {
      await db.stanceCoding.deleteMany({ where: { targetId: { in: targets.map((target) => target.id) } } });
    }
  });

  it("refuses a span that starts or ends between the two halves of an emoji, naming the line and the field", async () => {
    const admin = await adminOf(db);
    const template = await exportedRow();
    const text = `Talks ${Date.now()}: "Calm 😀 now, and calm later," the minister said.`;
    const source = await db.source.update({
      where: { id: (await createSource(db, text)).id },
      data: { translation: `Gespräche: „Ruhe 😀 jetzt“, sagte der Minister.`, translationLanguage: "de" },
    });
    const [speaker, target] = [await createActor(db), await createActor(db)];
    const emoji = text.indexOf("😀");
    const translationEmoji = source.translation!.indexOf("😀");
    const lines = [
      rowOf(template, source, speaker, target, text.indexOf("Calm"), emoji + 1),
      rowOf(template, source, speaker, target, emoji + 1, text.indexOf(",")),
      {
        ...rowOf(template, source, speaker, target, text.indexOf("Calm"), text.indexOf(" now")),
        translation: source.translation!.slice(translationEmoji + 1, translationEmoji + 6),
        translation_start: translationEmoji + 1,
        translation_end: translationEmoji + 6,
      },
    ].map((row) => JSON.stringify(row));
    const before = await db.statement.count({ where: { sourceId: source.id } });
    const refused = await importExchangeFile(admin, { format: "jsonl", content: lines.join("\n"), skipInvalid: false }).catch(
      (error: unknown) => error,
    );
    const insideCharacter = "inside a character (an emoji or a flag); move it by one";
    expect(importErrors(refused)).toEqual([
      { line: 1, message: `text_end: the span ends ${insideCharacter}` },
      { line: 2, message: `text_start: the span starts ${insideCharacter}` },
      { line: 3, message: `translation_start: the span starts ${insideCharacter}` },
    ]);
    expect(await db.statement.count({ where: { sourceId: source.id } })).toBe(before);
  });

  it("names the line whose span a deleted statement holds, and imports nothing unless asked to skip it", async () => {
    const admin = await adminOf(db);
    const template = await exportedRow();
    const source = await createSource(db, `Talks ${Date.now()}: "We seek calm," the minister said. "We wait," he added.`);
    const [speaker, target] = [await createActor(db), await createActor(db)];
    const deleted = await createStatement(db, { source, speakerId: speaker.id, quote: "We wait," });
    await db.statement.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    const good = source.text.indexOf("We seek calm,");
    const lines = [
      rowOf(template, source, speaker, target, good, good + "We seek calm,".length),
      rowOf(template, source, speaker, target, deleted.startOffset, deleted.endOffset),
    ].map((row) => JSON.stringify(row));
    const codingsOfTarget = () => db.stanceCoding.count({ where: { targetId: target.id } });

    const refused = await importExchangeFile(admin, { format: "jsonl", content: lines.join("\n"), skipInvalid: false }).catch(
      (error: unknown) => error,
    );
    const heldByDeleted = {
      line: 2,
      message: `text_start, text_end: a deleted statement by ${speaker.name} holds this span in this source; restore it from History, or change the span`,
    };
    expect(importErrors(refused)).toEqual([heldByDeleted]);
    expect((refused as DomainError).message).toMatch(/^1 row\(s\) cannot be imported, so nothing was imported/);
    expect(await codingsOfTarget()).toBe(0);
    expect(await db.statement.count({ where: { sourceId: source.id, deletedAt: null } })).toBe(0);

    const skipped = await importExchangeFile(admin, { format: "jsonl", content: lines.join("\n"), skipInvalid: true });
    expect(skipped).toMatchObject({ imported: 1, skipped: [heldByDeleted] });
    expect(await codingsOfTarget()).toBe(1);
    expect((await db.statement.findUniqueOrThrow({ where: { id: deleted.id } })).deletedAt).not.toBeNull();
  });

  it("names the line whose source is deleted, pointing at History rather than at adding the source again", async () => {
    const admin = await adminOf(db);
    const template = await exportedRow();
    const source = await createSource(db, `Talks ${Date.now()}: "We seek calm," the minister said.`);
    const title = `Deleted report ${source.id}`;
    await db.source.update({ where: { id: source.id }, data: { title, deletedAt: new Date() } });
    const [speaker, target] = [await createActor(db), await createActor(db)];
    const start = source.text.indexOf("We seek calm,");
    const line = JSON.stringify({
      ...rowOf(template, source, speaker, target, start, start + "We seek calm,".length),
      source_title: "Talks",
    });

    const refused = await importExchangeFile(admin, { format: "jsonl", content: line, skipInvalid: false }).catch(
      (error: unknown) => error,
    );
    expect(importErrors(refused)).toEqual([
      { line: 1, message: `source_hash: the source with this text, “${title}”, was deleted; an administrator can restore it from History` },
    ]);
    expect(await db.statement.count({ where: { sourceId: source.id } })).toBe(0);
  });

  it("refuses the rows of a source deleted while the import checks them, rather than adding to the deleted source", async () => {
    const admin = await adminOf(db);
    const template = await exportedRow();
    const source = await createSource(db, `Talks ${Date.now()}: "We seek calm," the minister said.`);
    const [speaker, target] = [await createActor(db), await createActor(db)];
    const start = source.text.indexOf("We seek calm,");
    const line = JSON.stringify({
      ...rowOf(template, source, speaker, target, start, start + "We seek calm,".length),
      source_title: "Talks",
    });
    const importing = writeWhileSourceIsDeleted(testLane().databaseUrl, source.id, () =>
      importExchangeFile(admin, { format: "jsonl", content: line, skipInvalid: false }),
    );
    expect(importErrors(await importing)).toEqual([
      { line: 1, message: "source_hash: the source with this text was deleted meanwhile; an administrator can restore it from History" },
    ]);
    expect(await db.statement.count({ where: { sourceId: source.id } })).toBe(0);
  });
});

describe("undoing an import", () => {
  it("deletes what the import created and nobody changed or built on since, keeps the rest, and is refused twice", async () => {
    const admin = await adminOf(db);
    const coder = await createUser(db, "ANALYST");
    const otherCoder = await createUser(db, "ANALYST");
    const speaker = await createActor(db);
    const target = await createActor(db);
    const sentences = Array.from({ length: 4 }, (_, index) => `Import sentence ${index} ${Date.now()}.`);
    const text = sentences.join(" ");
    const source = await createSource(db, text);
    // One statement there before the import, coded by someone: the import adds a coding to it and creates three more.
    const existing = await createStatement(db, { source, speakerId: speaker.id, quote: sentences[0]! });
    await createStanceCoding(db, { statement: existing, targetId: target.id, coderId: otherCoder.id, score: 1 });
    const template = (await exportExchangeRows(admin)).find((row) => row.source_hash === source.contentHash)!;
    const lines = sentences.map((sentence) => {
      const start = text.indexOf(sentence);
      return JSON.stringify({
        ...template,
        statement_id: undefined,
        coder: coder.email,
        text: sentence,
        text_start: start,
        text_end: start + sentence.length,
      });
    });
    const outcome = await importExchangeFile(admin, { format: "jsonl", content: lines.join("\n"), skipInvalid: false });
    expect(outcome).toMatchObject({ imported: 4, unchanged: 0 });
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { entity: "CodingImport", entityId: outcome.importId!, action: "CREATE" },
    });
    const imported = await db.stanceCoding.findMany({ where: { coderId: coder.id }, include: { statement: true } });
    const bySentence = (index: number) => imported.find((coding) => coding.statement.quote === sentences[index])!;

    // Since the import: the coder re-scores one coding; an adjudicator settles another statement; one is left alone.
    await updateStanceCoding({ id: coder.id, role: "ANALYST" }, bySentence(1).id, {
      version: 1,
      score: -2,
      isConditional: false,
      confidence: "HIGH",
      rationale: "re-read after the import",
    });
    await db.adjudication.create({
      data: { statementId: bySentence(2).statementId, targetId: target.id, score: 0, rationale: "settled", adjudicatorId: admin.id },
    });

    await expect(undoCodingImport({ id: coder.id, role: "ANALYST" }, entry.id.toString())).rejects.toBeInstanceOf(PermissionDeniedError);
    const undone = await undoCodingImport(admin, entry.id.toString());
    expect(undone).toEqual({ codingsDeleted: 3, codingsKept: 1, statementsDeleted: 1, statementsKept: 2 });
    const state = async (index: number) => {
      const coding = await db.stanceCoding.findUniqueOrThrow({ where: { id: bySentence(index).id }, include: { statement: true } });
      return { coding: coding.deletedAt !== null, statement: coding.statement.deletedAt !== null };
    };
    // The statement that was there before keeps its other coding; the re-scored coding stays; the adjudicated
    // statement stays though its imported coding goes; the untouched one goes whole.
    expect(await Promise.all([0, 1, 2, 3].map(state))).toEqual([
      { coding: true, statement: false },
      { coding: false, statement: false },
      { coding: true, statement: false },
      { coding: true, statement: true },
    ]);
    await expect(undoCodingImport(admin, entry.id.toString())).rejects.toMatchObject({
      status: 409,
      message: "This import has already been undone.",
    });
    // Each deletion is the administrator's and comes back from History.
    const deletion = await db.auditEntry.findFirstOrThrow({
      where: { entity: "StanceCoding", entityId: bySentence(3).id, action: "DELETE" },
    });
    expect(deletion.userId).toBe(admin.id);
    await restoreFromAuditEntry(
      admin,
      (
        await db.auditEntry.findFirstOrThrow({ where: { entity: "Statement", entityId: bySentence(3).statementId, action: "DELETE" } })
      ).id.toString(),
    );
    await restoreFromAuditEntry(admin, deletion.id.toString());
    expect(await state(3)).toEqual({ coding: false, statement: false });
    // Not an import's entry: nothing to undo.
    await expect(undoCodingImport(admin, deletion.id.toString())).rejects.toMatchObject({ status: 404 });
  });
  it("undoes an import once when two administrators undo it at the same moment", async () => {
    const admin = await adminOf(db);
    const second = await createUser(db, "ADMIN");
    const coder = await createUser(db, "ANALYST");
    const speaker = await createActor(db);
    const target = await createActor(db);
    const sentence = `A sentence imported twice over ${Date.now()}.`;
    const source = await createSource(db, sentence);
    const seedStatement = await createStatement(db, { source, speakerId: speaker.id, quote: sentence });
    await createStanceCoding(db, { statement: seedStatement, targetId: target.id, coderId: admin.id, score: 1 });
    const template = (await exportExchangeRows(admin)).find((row) => row.source_hash === source.contentHash)!;
    const outcome = await importExchangeFile(admin, {
      format: "jsonl",
      content: JSON.stringify({ ...template, statement_id: undefined, coder: coder.email }),
      skipInvalid: false,
    });
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { entity: "CodingImport", entityId: outcome.importId!, action: "CREATE" },
    });
    const results = await Promise.allSettled([
      undoCodingImport(admin, entry.id.toString()),
      undoCodingImport({ id: second.id, role: "ADMIN" }, entry.id.toString()),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect(await db.auditEntry.count({ where: { entity: "CodingImport", entityId: outcome.importId!, action: "DELETE" } })).toBe(1);
  });
});
