import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { importSources } from "@/lib/data/intake";
import { getSource, listNearDuplicatesOf } from "@/lib/data/sources";
import { DomainError } from "@/lib/errors";
import { intakeOptionsSchema, type IntakeOptions } from "@/lib/intake/schemas";
import { createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

function fixture(name: string) {
  const content = readFileSync(`tests/fixtures/intake/${name}`, "utf8");
  return { name, size: Buffer.byteLength(content), content };
}

function options(overrides: Partial<IntakeOptions> = {}): IntakeOptions {
  return { ...intakeOptionsSchema.parse({}), ...overrides };
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
    audits: await db.auditEntry.count({ where: { entity: "Source" } }),
  };
}

describe("bulk intake on PostgreSQL", () => {
  it("refuses a JSON Lines file with a malformed line and an unknown language, by line, importing nothing; imports the rest when asked to skip", async () => {
    const analyst = await createUser(db, "ANALYST");
    const before = await counts();
    const error = await refusal(importSources(analyst, [fixture("sources-with-bad-lines.jsonl")], options()));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/2 item\(s\) cannot be imported, so nothing was imported/);
    expect(error.details.errors).toEqual([
      { where: "sources-with-bad-lines.jsonl, line 2", message: expect.stringMatching(/not valid JSON/) },
      { where: "sources-with-bad-lines.jsonl, line 3", message: expect.stringMatching(/“xx” is not a known language code/) },
    ]);
    expect(await counts()).toEqual(before);

    const outcome = await importSources(analyst, [fixture("sources-with-bad-lines.jsonl")], options({ skipInvalid: true }));
    expect(outcome.imported.map((item) => [item.where, item.title])).toEqual([
      ["sources-with-bad-lines.jsonl, line 1", "Kuwait backs dialogue"],
      ["sources-with-bad-lines.jsonl, line 4", "Bahrain calls for calm"],
    ]);
    expect(outcome.skipped.map((problem) => problem.where)).toEqual([
      "sources-with-bad-lines.jsonl, line 2",
      "sources-with-bad-lines.jsonl, line 3",
    ]);
    expect(await counts()).toEqual({ sources: before.sources + 2, fingerprints: before.fingerprints + 2, audits: before.audits + 2 });
  });

  it("imports every format in one upload: HTML pages, RSS, Atom, JSON Lines (with Persian) and a text file with defaults", async () => {
    const admin = await createUser(db, "ADMIN");
    const before = await counts();
    const files = [
      "muscat-talks-article.html",
      "persian-statement-article.html",
      "regional-wire.rss",
      "think-tank-commentary.atom",
      "wire-sources.jsonl",
      "foreign-ministry-statement.txt",
    ].map(fixture);
    const outcome = await importSources(
      admin,
      files,
      // Kept: the fetch test of the same run may have stored a copy of the Muscat article (a near duplicate).
      options({
        nearDuplicates: "keep",
        defaults: { publisher: "Ministry of Foreign Affairs", publishedOn: "2026-11-26", language: "en" },
      }),
    );
    expect(outcome.skipped).toEqual([]);
    expect(outcome.imported.map((item) => item.where)).toEqual([
      "muscat-talks-article.html",
      "persian-statement-article.html",
      "regional-wire.rss, item 1",
      "regional-wire.rss, item 2",
      "think-tank-commentary.atom, entry 1",
      "think-tank-commentary.atom, entry 2",
      "wire-sources.jsonl, line 1",
      "wire-sources.jsonl, line 2",
      "wire-sources.jsonl, line 3",
      "foreign-ministry-statement.txt",
    ]);
    expect(await counts()).toEqual({ sources: before.sources + 10, fingerprints: before.fingerprints + 10, audits: before.audits + 10 });

    const byWhere = new Map(outcome.imported.map((item) => [item.where, item.id]));
    const html = await getSource(admin, byWhere.get("muscat-talks-article.html")!);
    expect(html).toMatchObject({
      publisher: "The Gulf Ledger",
      publishedOn: "2026-11-24",
      language: "en-GB",
      url: "https://www.gulfledger.example/world/2026/11/oman-indirect-talks",
    });
    expect(html.text).not.toMatch(/Great reporting|Subscribe|Luxury villas/);
    const persian = await getSource(admin, byWhere.get("persian-statement-article.html")!);
    expect(persian).toMatchObject({ language: "fa", publisher: "خبرگزاری نمونه", title: "سخنگوی وزارت خارجه: مذاکرات مسقط سازنده بود" });
    const rss = await getSource(admin, byWhere.get("regional-wire.rss, item 1")!);
    expect(rss).toMatchObject({
      publisher: "Regional Wire Service",
      language: "en-US",
      publishedOn: "2026-11-22",
      url: "https://wire.example/2026/11/22/saudi-position",
    });
    const jsonPersian = await getSource(admin, byWhere.get("wire-sources.jsonl, line 3")!);
    expect(jsonPersian.language).toBe("fa");
    const text = await getSource(admin, byWhere.get("foreign-ministry-statement.txt")!);
    expect(text).toMatchObject({
      publisher: "Ministry of Foreign Affairs",
      publishedOn: "2026-11-26",
      title: "Statement by the Ministry of Foreign Affairs on the Muscat talks",
    });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entity: "Source", entityId: text.id } });
    expect(audit).toMatchObject({ action: "CREATE", userId: admin.id });
  });

  it("refuses the same text again with a link to the stored source, and the same text twice in one upload", async () => {
    const analyst = await createUser(db, "ANALYST");
    const before = await counts();
    const error = await refusal(importSources(analyst, [fixture("wire-sources.jsonl")], options()));
    expect(error.details.errors).toEqual(
      [1, 2, 3].map((line) => ({
        where: `wire-sources.jsonl, line ${line}`,
        message: expect.stringMatching(/^this text is already stored as “/),
        existingSourceId: expect.any(String),
      })),
    );
    const stored = await db.source.findUniqueOrThrow({
      where: { id: (error.details.errors as { existingSourceId: string }[])[0]!.existingSourceId },
    });
    expect(stored.title).toBe("Iran and US end second day of Oman talks without deal");

    const line = JSON.stringify({
      title: "Twice",
      publisher: "P",
      publishedOn: "2026-01-02",
      language: "en",
      text: `A text sent twice in one upload ${Date.now()}.`,
    });
    const twice = await refusal(importSources(analyst, [{ name: "twice.jsonl", size: 0, content: `${line}\n${line}\n` }], options()));
    expect(twice.details.errors).toEqual([
      { where: "twice.jsonl, line 2", message: "the same text as twice.jsonl, line 1; each text is stored once" },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("flags republished wire copy as a near duplicate, imports nothing until the analyst keeps or skips it, and shows it on both source pages", async () => {
    const analyst = await createUser(db, "ANALYST");
    const before = await counts();
    const copy = fixture("wire-copy-republished.jsonl");
    const asked = await refusal(importSources(analyst, [copy], options()));
    expect(asked.status).toBe(409);
    const original = await db.source.findFirstOrThrow({ where: { title: "Iran and US end second day of Oman talks without deal" } });
    expect(asked.details.nearDuplicates).toEqual([
      {
        where: "wire-copy-republished.jsonl, line 1",
        title: "Oman talks end without deal, sides to meet again",
        choice: null,
        matches: [expect.objectContaining({ id: original.id, title: original.title, overlap: expect.any(Number) })],
      },
    ]);
    expect(await counts()).toEqual(before);

    const skipped = await importSources(analyst, [copy], options({ nearDuplicates: "skip" }));
    expect(skipped.imported).toEqual([]);
    expect(skipped.nearDuplicates).toHaveLength(1);
    expect(await counts()).toEqual(before);

    const kept = await importSources(analyst, [copy], options({ nearDuplicates: "keep" }));
    expect(kept.imported).toHaveLength(1);
    expect(kept.nearDuplicatesKept).toBe(true);
    const copyId = kept.imported[0]!.id;
    expect((await listNearDuplicatesOf(analyst, copyId)).map((duplicate) => duplicate.id)).toEqual([original.id]);
    expect((await listNearDuplicatesOf(analyst, original.id)).map((duplicate) => duplicate.id)).toContain(copyId);
    const [match] = await listNearDuplicatesOf(analyst, copyId);
    expect(match!.overlap).toBeGreaterThanOrEqual(0.9);
  });

  it("flags near duplicates within one upload too", async () => {
    const analyst = await createUser(db, "ANALYST");
    const base = readFileSync("tests/fixtures/intake/muscat-talks-article.html", "utf8")
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .slice(0, 3000);
    const lines = [base.replace("MUSCAT", "DOHA"), base.replace("MUSCAT", "AMMAN")].map((text, index) =>
      JSON.stringify({ title: `Copy ${index}`, publisher: "P", publishedOn: "2026-01-02", language: "en", text: `${text} ${Date.now()}` }),
    );
    const error = await refusal(importSources(analyst, [{ name: "pair.jsonl", size: 0, content: lines.join("\n") }], options()));
    expect(error.details.nearDuplicates).toEqual([
      expect.objectContaining({
        where: "pair.jsonl, line 2",
        matches: [expect.objectContaining({ id: null, where: "pair.jsonl, line 1" })],
      }),
    ]);
  });

  it("lets the analyst keep or skip each near duplicate: unchosen ones are asked again, chosen ones are kept or skipped one by one", async () => {
    const analyst = await createUser(db, "ANALYST");
    const base = readFileSync("tests/fixtures/intake/muscat-talks-article.html", "utf8")
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .slice(0, 3000);
    const run = Date.now();
    const lines = ["BEIRUT", "DOHA", "AMMAN"].map((city, index) =>
      JSON.stringify({
        title: `Per-item copy ${index} ${run}`,
        publisher: "P",
        publishedOn: "2026-01-03",
        language: "en",
        text: `${base.replace("MUSCAT", city)} ${run}`,
      }),
    );
    const upload = [{ name: "three.jsonl", size: 0, content: lines.join("\n") }];
    const before = await counts();

    // One of the two near duplicates chosen: nothing is imported, and the findings say which still needs a choice.
    const partly = await refusal(importSources(analyst, upload, options({ nearDuplicateChoices: { "three.jsonl, line 2": "keep" } })));
    expect(partly.status).toBe(409);
    expect(partly.message).toMatch(/^1 of 2 item\(s\) nearly repeat/);
    expect(
      (partly.details.nearDuplicates as { where: string; choice: string | null }[]).map(({ where, choice }) => [where, choice]),
    ).toEqual([
      ["three.jsonl, line 2", "keep"],
      ["three.jsonl, line 3", null],
    ]);
    expect(await counts()).toEqual(before);

    // Each chosen: line 2 kept, line 3 skipped; line 1 (no near duplicate of anything before it) is imported as usual.
    const outcome = await importSources(
      analyst,
      upload,
      options({ nearDuplicateChoices: { "three.jsonl, line 2": "keep", "three.jsonl, line 3": "skip" } }),
    );
    expect(outcome.imported.map((item) => item.where)).toEqual(["three.jsonl, line 1", "three.jsonl, line 2"]);
    expect(outcome.nearDuplicates.map(({ where, choice }) => [where, choice])).toEqual([
      ["three.jsonl, line 2", "keep"],
      ["three.jsonl, line 3", "skip"],
    ]);
    expect(outcome.nearDuplicatesKept).toBe(false);
    expect(
      await db.source.count({ where: { title: { startsWith: "Per-item copy" }, publishedOn: new Date("2026-01-03") } }),
    ).toBeGreaterThanOrEqual(2);
    expect(await db.source.count({ where: { title: `Per-item copy 2 ${run}` } })).toBe(0);

    // A per-item choice overrides the choice for all.
    const bad = lines.map((line) => line.replaceAll(String(run), `${run}b`));
    const mixed = await importSources(
      analyst,
      [{ name: "again.jsonl", size: 0, content: bad.join("\n") }],
      options({ nearDuplicates: "skip", nearDuplicateChoices: { "again.jsonl, line 3": "keep" } }),
    );
    // Everything in this upload nearly repeats what was just imported: line 1 and 2 follow "skip", line 3 its own "keep".
    expect(mixed.imported.map((item) => item.where)).toEqual(["again.jsonl, line 3"]);
  });

  it("refuses a feed that is not XML and a page with no article by file, importing nothing from the good file beside them", async () => {
    const analyst = await createUser(db, "ANALYST");
    const before = await counts();
    const good = {
      name: "good.jsonl",
      size: 0,
      content: JSON.stringify({
        title: "Good",
        publisher: "P",
        publishedOn: "2026-01-03",
        language: "ar",
        text: `نص خبر جيد بما يكفي للاستيراد ${Date.now()}`,
      }),
    };
    const error = await refusal(importSources(analyst, [good, fixture("not-a-feed.xml"), fixture("section-index.html")], options()));
    expect((error.details.errors as { where: string }[]).map((problem) => problem.where)).toEqual([
      expect.stringMatching(/^not-a-feed\.xml, line \d+$/),
      "section-index.html",
    ]);
    expect(await counts()).toEqual(before);
  });

  it("refuses an upload over the size limit and a file over the file limit, by name", async () => {
    const analyst = await createUser(db, "ANALYST");
    const huge = await refusal(importSources(analyst, [{ name: "a.jsonl", size: 101 * 1024 * 1024, content: "" }], options()));
    expect(huge.message).toMatch(/over the limit of 100\.0 MB/);
    const page = await refusal(importSources(analyst, [{ name: "big-page.html", size: 6 * 1024 * 1024, content: "" }], options()));
    expect(page.details.errors).toEqual([
      { where: "big-page.html", message: expect.stringMatching(/over the limit of 5\.0 MB for one HTML page/) },
    ]);
    const language = await refusal(
      importSources(analyst, [fixture("foreign-ministry-statement.txt")], options({ defaults: { language: "zz" } })),
    );
    expect(language.message).toMatch(/Default language: “zz” is not a known language code/);
  });

  it("refuses an upload of more sources than allowed, even of a quarter of a million tiny lines, importing nothing", async () => {
    const analyst = await createUser(db, "ANALYST");
    const before = await counts();
    const content = "{}\n".repeat(250_000);
    const error = await refusal(importSources(analyst, [{ name: "many.jsonl", size: content.length, content }], options()));
    expect(error.message).toBe("The upload holds 250000 sources; at most 20000 can be imported at once.");
    expect(await counts()).toEqual(before);
  });

  it("lets viewers import nothing", async () => {
    const viewer = await createUser(db, "VIEWER");
    await expect(importSources(viewer, [fixture("wire-sources.jsonl")], options())).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("stores a text once when the same upload arrives twice at the same moment", async () => {
    const analyst = await createUser(db, "ANALYST");
    const text = `A statement uploaded twice in parallel ${Date.now()}: the minister said calm must prevail.`;
    const file = {
      name: "race.jsonl",
      size: 0,
      content: JSON.stringify({ title: "Race", publisher: "P", publishedOn: "2026-01-04", language: "en", text }),
    };
    const results = await Promise.allSettled([importSources(analyst, [file], options()), importSources(analyst, [file], options())]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.source.count({ where: { text } })).toBe(1);
  });
});
