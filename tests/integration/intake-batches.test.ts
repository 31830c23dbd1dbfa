// The intake's batches (500 items a statement, written through node-postgres,
// docs/decisions/0035) at their edges: all or nothing across batches, skipped
// items, near duplicates found across a batch boundary, audit entries that
// hold what Prisma's own write held, and a hash chain that still verifies.
import { afterAll, describe, expect, it } from "vitest";
import { auditSnapshot } from "@/lib/audit/record-audit";
import { createPrismaClient } from "@/lib/database/prisma";
import { importSources } from "@/lib/data/intake";
import { createSource } from "@/lib/data/sources";
import { DomainError } from "@/lib/errors";
import { intakeOptionsSchema, type IntakeOptions } from "@/lib/intake/schemas";
import { verifyAuditChain } from "@/scripts/database/audit-chain";
import { createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

function options(overrides: Partial<IntakeOptions> = {}): IntakeOptions {
  return { ...intakeOptionsSchema.parse({}), ...overrides };
}

/** A text of `length` words no other run or line shares five in a row of. */
function distinctText(run: string, index: number, length = 60): string {
  return Array.from({ length }, (_, word) => `w${run}x${index}x${(word * 7919 + index * 104729) % 100_003}`).join(" ");
}

function line(run: string, index: number, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    title: `Batch ${run} ${index}`,
    publisher: "Batch Wire",
    // Long ago: these 1,800 sources must not push other tests' sources off the first page of the newest.
    publishedOn: "2001-03-04",
    language: index % 3 ? "en" : "fa",
    text: `Item ${index}. ${distinctText(run, index)}.`,
    ...fields,
  });
}

function file(name: string, lines: string[]) {
  const content = `${lines.join("\n")}\n`;
  return { name, size: Buffer.byteLength(content), content };
}

async function refusal(work: Promise<unknown>): Promise<DomainError & { details: Record<string, unknown> }> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError & { details: Record<string, unknown> };
}

async function counts() {
  return {
    sources: await db.source.count(),
    fingerprints: await db.sourceFingerprint.count(),
    bands: await db.sourceFingerprintBand.count(),
    audits: await db.auditEntry.count({ where: { entity: "Source" } }),
  };
}

/** The audit entry Prisma's createManyAndReturn wrote for a new source: the row without its texts, and their lengths. */
async function expectedAuditAfter(id: string) {
  const row = await db.source.findUniqueOrThrow({ where: { id }, omit: { text: true, translation: true } });
  const { text, translation } = await db.source.findUniqueOrThrow({ where: { id }, select: { text: true, translation: true } });
  return auditSnapshot({
    ...row,
    text: `${text.length} characters`,
    translation: translation === null ? null : `${translation.length} characters`,
  });
}

describe("intake batches", () => {
  it("imports nothing when the 1,001st item is bad, two batches after the first was written; with skip, the 1,000 good ones with their audit entries", async () => {
    const analyst = await createUser(db, "ANALYST");
    const run = `${Date.now()}b`;
    const lines = Array.from({ length: 1001 }, (_, index) => line(run, index + 1));
    lines[1000] = line(run, 1001, { language: "xx" });
    const upload = file("thousand.jsonl", lines);
    const before = await counts();

    const error = await refusal(importSources(analyst, [upload], options()));
    expect(error.status).toBe(422);
    expect(error.details.errors).toEqual([
      { where: "thousand.jsonl, line 1001", message: expect.stringMatching(/“xx” is not a known language code/) },
    ]);
    expect(await counts()).toEqual(before);

    const outcome = await importSources(analyst, [upload], options({ skipInvalid: true }));
    expect(outcome.imported).toHaveLength(1000);
    expect(outcome.imported.map((item) => item.where)).toEqual(lines.slice(0, 1000).map((_, index) => `thousand.jsonl, line ${index + 1}`));
    expect(outcome.skipped.map((problem) => problem.where)).toEqual(["thousand.jsonl, line 1001"]);
    expect(await counts()).toEqual({
      sources: before.sources + 1000,
      fingerprints: before.fingerprints + 1000,
      bands: before.bands + 16_000,
      audits: before.audits + 1000,
    });

    const ids = outcome.imported.map((item) => item.id);
    const stored = await db.source.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, createdById: true } });
    expect(new Map(stored.map((source) => [source.id, source.title]))).toEqual(
      new Map(outcome.imported.map((item) => [item.id, item.title])),
    );
    expect(stored.every((source) => source.createdById === analyst.id)).toBe(true);
    const entries = await db.auditEntry.findMany({
      where: { entity: "Source", entityId: { in: ids } },
      orderBy: { chainPosition: "asc" },
    });
    // One CREATE each, chained in the order of the file.
    expect(entries.map((entry) => entry.entityId)).toEqual(ids);
    expect(entries.every((entry) => entry.action === "CREATE" && entry.userId === analyst.id && entry.before === null)).toBe(true);
    for (const index of [0, 1, 499, 500, 999]) expect(entries[index]!.after).toEqual(await expectedAuditAfter(ids[index]!));

    const report = await verifyAuditChain(testLane().databaseUrl);
    expect(report).toMatchObject({ intact: true });
  });

  it("writes a source's translation and its audit entry as Prisma read them, through the form and through a file", async () => {
    const analyst = await createUser(db, "ANALYST");
    const run = `${Date.now()}t`;
    const { id: formId } = await createSource(analyst, {
      title: "Form source with a translation",
      publisher: "Batch Wire",
      url: "https://example.org/form-source",
      publishedOn: "2026-03-05",
      language: "fa",
      text: `خبر ${distinctText(run, 1)}`,
      translation: `News ${distinctText(run, 2)}`,
      translationLanguage: "en",
    });
    const outcome = await importSources(
      analyst,
      [file("translated.jsonl", [line(run, 3, { language: "fa", translation: `Translated ${distinctText(run, 4)}` })])],
      options(),
    );
    for (const id of [formId, outcome.imported[0]!.id]) {
      const [entry] = await db.auditEntry.findMany({ where: { entity: "Source", entityId: id } });
      expect(entry!.after).toEqual(await expectedAuditAfter(id));
      expect(entry!.after).toMatchObject({ translationLanguage: "en", translation: expect.stringMatching(/^\d+ characters$/) });
    }
    const form = await db.source.findUniqueOrThrow({ where: { id: formId } });
    expect(form).toMatchObject({ url: "https://example.org/form-source", version: 1, blindCoding: true, deletedAt: null });
    expect(form.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(form.createdAt).toEqual(form.updatedAt);
  });

  it("finds a near duplicate of an item in an earlier batch of the same upload, and skips it when told to", async () => {
    const analyst = await createUser(db, "ANALYST");
    const run = `${Date.now()}n`;
    const original = `Wire copy. ${distinctText(run, 0, 300)}.`;
    const lines = Array.from({ length: 800 }, (_, index) => line(run, index + 1));
    lines[0] = line(run, 1, { title: "The wire original", text: original });
    // Line 700 is in the second batch: the same text with a new last sentence.
    lines[699] = line(run, 700, { title: "The wire copy", text: `${original} Updated at noon.` });
    const upload = file("wire.jsonl", lines);
    const before = await counts();

    const asked = await refusal(importSources(analyst, [upload], options()));
    expect(asked.status).toBe(409);
    expect(asked.details.nearDuplicates).toEqual([
      {
        where: "wire.jsonl, line 700",
        title: "The wire copy",
        choice: null,
        matches: [
          {
            id: null,
            where: "wire.jsonl, line 1",
            title: "The wire original",
            publisher: "Batch Wire",
            // Long ago: these 1,800 sources must not push other tests' sources off the first page of the newest.
            publishedOn: "2001-03-04",
            overlap: expect.any(Number),
          },
        ],
      },
    ]);
    expect(await counts()).toEqual(before);

    const skipped = await importSources(analyst, [upload], options({ nearDuplicates: "skip" }));
    expect(skipped.imported).toHaveLength(799);
    expect(skipped.imported.map((item) => item.where)).not.toContain("wire.jsonl, line 700");
    expect(skipped.nearDuplicates.map((finding) => [finding.where, finding.choice])).toEqual([["wire.jsonl, line 700", "skip"]]);
    expect((await counts()).sources).toBe(before.sources + 799);
    expect(await verifyAuditChain(testLane().databaseUrl)).toMatchObject({ intact: true });
  });
});
