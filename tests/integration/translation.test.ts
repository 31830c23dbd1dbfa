// Original and translation (docs/decisions/0032): a source holds both, a
// statement is cut from the original and stores the matching passage of the
// translation, aligned or chosen by hand, and export and intake carry both.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { createStanceCoding } from "@/lib/data/codings";
import { exportExchangeRows, importExchangeFile } from "@/lib/data/exchange";
import { formatJsonLines } from "@/lib/exchange/json-lines";
import { importSources } from "@/lib/data/intake";
import { createSource, getSource } from "@/lib/data/sources";
import { createStatement, updateStatement } from "@/lib/data/statements";
import { ValidationError } from "@/lib/errors";
import { intakeOptionsSchema } from "@/lib/intake/schemas";
import { createActor, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

const persian = readFileSync("tests/fixtures/translation/araghchi-muscat.fa.txt", "utf8").trim();
const english = readFileSync("tests/fixtures/translation/araghchi-muscat.en.txt", "utf8").trim();
const threat = "ما هیچ‌گاه میز مذاکره را ترک نکرده‌ایم، اما زبان تهدید را نمی‌پذیریم.";
const threatInEnglish =
  'At a joint press conference with his Omani counterpart, Araghchi said: "We have never left the negotiating table, but we do not accept the language of threats."';

async function expectFieldErrors(work: Promise<unknown>, fields: string[]): Promise<Record<string, string>> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).status).toBe(422);
  expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(fields.sort());
  return (error as ValidationError).fieldErrors;
}

/** A Persian source with its English translation; a marker keeps each test's text unique (the content hash). */
async function persianSource(analyst: { id: string; role: "ANALYST" }) {
  const marker = `\n\n(${Date.now()}-${Math.random()})`;
  const text = persian + marker;
  const { id } = await createSource(analyst, {
    title: "Araghchi: ready for indirect talks",
    publisher: "Hamshahri",
    url: null,
    publishedOn: "2026-11-23",
    language: "fa",
    text,
    translation: english + marker,
    translationLanguage: "en",
  });
  const speaker = await createActor(db, { name: "Abbas Araghchi (translation test)" });
  return { id, text, translation: english + marker, speakerId: speaker.id };
}

const statementFields = { saidOn: "2026-11-23", saidOnPrecision: "DAY", form: "DIRECT_QUOTE", channel: "PRESS_CONFERENCE" } as const;

describe("original and translation", () => {
  it("stores the aligned translation passage with its offsets when a statement is cut from the original", async () => {
    const analyst = { ...(await createUser(db, "ANALYST")), role: "ANALYST" as const };
    const source = await persianSource(analyst);
    const start = source.text.indexOf(threat);
    const statement = await createStatement(analyst, {
      sourceId: source.id,
      startOffset: start,
      endOffset: start + threat.length,
      speakerId: source.speakerId,
      newSpeaker: null,
      ...statementFields,
    });
    const passageStart = source.translation.indexOf(threatInEnglish);
    expect(statement).toMatchObject({
      quote: threat,
      startOffset: start,
      translation: { quote: threatInEnglish, startOffset: passageStart, endOffset: passageStart + threatInEnglish.length },
    });
    const stored = await db.statement.findUniqueOrThrow({ where: { id: statement.id } });
    expect(source.text.slice(stored.startOffset, stored.endOffset)).toBe(stored.quote);
    expect(source.translation.slice(stored.translationStart!, stored.translationEnd!)).toBe(stored.translationQuote);

    const detail = await getSource(analyst, source.id);
    expect(detail).toMatchObject({ language: "fa", translationLanguage: "en", translation: source.translation });
    expect(detail.statements[0]!.translation).toEqual(statement.translation);
  });

  it("stores a passage chosen by hand, trimmed; re-aligns when the quote moves; keeps it when only the passage changes", async () => {
    const analyst = { ...(await createUser(db, "ANALYST")), role: "ANALYST" as const };
    const source = await persianSource(analyst);
    const start = source.text.indexOf(threat);
    const chosen = "the language of threats";
    const chosenStart = source.translation.indexOf(chosen);
    const statement = await createStatement(analyst, {
      sourceId: source.id,
      startOffset: start,
      endOffset: start + threat.length,
      speakerId: source.speakerId,
      newSpeaker: null,
      translationStart: chosenStart - 1,
      translationEnd: chosenStart + chosen.length,
      ...statementFields,
    });
    expect(statement.translation).toEqual({ quote: chosen, startOffset: chosenStart, endOffset: chosenStart + chosen.length });

    // Moving the quote to the next sentence re-aligns the passage.
    const stressed = "وی تأکید کرد که تحریم‌ها باید پیش از هر توافقی برداشته شوند.";
    const stressedStart = source.text.indexOf(stressed);
    const moved = await updateStatement(analyst, statement.id, {
      version: 1,
      startOffset: stressedStart,
      endOffset: stressedStart + stressed.length,
    });
    expect(moved.translation?.quote).toBe("He stressed that sanctions must be lifted before any agreement.");

    // Only the passage: the quote stays and the passage is the one chosen.
    const sanctions = "sanctions must be lifted";
    const sanctionsStart = source.translation.indexOf(sanctions);
    const adjusted = await updateStatement(analyst, statement.id, {
      version: 2,
      translationStart: sanctionsStart,
      translationEnd: sanctionsStart + sanctions.length,
    });
    expect(adjusted).toMatchObject({ quote: stressed, translation: { quote: sanctions, startOffset: sanctionsStart } });
  });

  it("refuses a translation passage out of range, empty, half given, or for a source without a translation: 422 naming the field, nothing stored", async () => {
    const analyst = { ...(await createUser(db, "ANALYST")), role: "ANALYST" as const };
    const source = await persianSource(analyst);
    const start = source.text.indexOf(threat);
    const base = {
      sourceId: source.id,
      startOffset: start,
      endOffset: start + threat.length,
      speakerId: source.speakerId,
      newSpeaker: null,
      ...statementFields,
    };
    const before = await db.statement.count({ where: { sourceId: source.id } });
    const beyond = await expectFieldErrors(createStatement(analyst, { ...base, translationStart: 10, translationEnd: 99_999 }), [
      "translationEnd",
    ]);
    expect(beyond.translationEnd).toMatch(/beyond the end of the translation \(\d+ characters\)/);
    await expectFieldErrors(createStatement(analyst, { ...base, translationStart: 30, translationEnd: 30 }), ["translationEnd"]);
    await expectFieldErrors(createStatement(analyst, { ...base, translationStart: 30 }), ["translationEnd"]);
    const blank = source.translation.indexOf("\n\n");
    await expectFieldErrors(createStatement(analyst, { ...base, translationStart: blank, translationEnd: blank + 2 }), [
      "translationStart",
    ]);
    expect(await db.statement.count({ where: { sourceId: source.id } })).toBe(before);

    const { id: plainId } = await createSource(analyst, {
      title: "No translation",
      publisher: "Wire",
      url: null,
      publishedOn: "2026-11-23",
      language: "en",
      text: `Officials in Muscat said the talks would resume next week. ${Math.random()}`,
    });
    const message = await expectFieldErrors(
      createStatement(analyst, { ...base, sourceId: plainId, startOffset: 0, endOffset: 9, translationStart: 0, translationEnd: 4 }),
      ["translationStart"],
    );
    expect(message.translationStart).toMatch(/this source has no translation/);
    // Without a translation, a statement has none: all three columns null.
    const plain = await createStatement(analyst, { ...base, sourceId: plainId, startOffset: 0, endOffset: 9 });
    expect(plain.translation).toBeNull();
  });

  it("refuses a translation without text, in the source's own language, or in an unknown language", async () => {
    const analyst = { ...(await createUser(db, "ANALYST")), role: "ANALYST" as const };
    const base = { title: "t", publisher: "p", url: null, publishedOn: "2026-11-23", language: "fa", text: `${persian} ${Math.random()}` };
    await expectFieldErrors(createSource(analyst, { ...base, translationLanguage: "en" }), ["translationLanguage"]);
    await expectFieldErrors(createSource(analyst, { ...base, translation: english, translationLanguage: "fa" }), ["translationLanguage"]);
    const { sourceCreationSchema } = await import("@/lib/sources/schemas");
    const parsed = sourceCreationSchema.safeParse({ ...base, translation: english, translationLanguage: "xx" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["translationLanguage"]);
  });

  it("carries both quotes in the per-coding export, and imports them back", async () => {
    const analyst = { ...(await createUser(db, "ANALYST")), role: "ANALYST" as const };
    const source = await persianSource(analyst);
    const start = source.text.indexOf(threat);
    const statement = await createStatement(analyst, {
      sourceId: source.id,
      startOffset: start,
      endOffset: start + threat.length,
      speakerId: source.speakerId,
      newSpeaker: null,
      ...statementFields,
    });
    const target = await createActor(db, { name: "United States (translation test)", isTrackedTarget: true });
    await createStanceCoding(analyst, {
      statementId: statement.id,
      targetId: target.id,
      score: -1,
      isConditional: false,
      confidence: "MEDIUM",
      rationale: "Refuses threats, keeps talks open.",
    });
    const rows = await exportExchangeRows(analyst);
    const row = rows.find((candidate) => candidate.text === threat && candidate.recipient === target.name)!;
    expect(row).toMatchObject({
      translation: threatInEnglish,
      translation_start: statement.translation!.startOffset,
      translation_end: statement.translation!.endOffset,
      source_language: "fa",
    });
    // A passage that is not the translation between its offsets is refused by line, naming the field.
    const admin = await createUser(db, "ADMIN");
    const refused = await importExchangeFile(admin, {
      format: "jsonl",
      content: formatJsonLines([{ ...row, translation: "We have never left" }]),
      skipInvalid: false,
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      status: 422,
      details: { errors: [{ line: 1, message: expect.stringMatching(/^translation: does not match/) }] },
    });
    // The same row as exported is already stored: nothing changes.
    expect(await importExchangeFile(admin, { format: "jsonl", content: formatJsonLines([row]), skipInvalid: false })).toMatchObject({
      imported: 0,
      unchanged: 1,
    });
  });

  it("imports JSON Lines with a translation, and with originalText beside text", async () => {
    const admin = await createUser(db, "ADMIN");
    const content = readFileSync("tests/fixtures/translation/originals-with-translations.jsonl", "utf8");
    const outcome = await importSources(
      admin,
      [{ name: "originals-with-translations.jsonl", size: Buffer.byteLength(content), content }],
      intakeOptionsSchema.parse({ nearDuplicates: "keep" }),
    );
    expect(outcome.imported).toHaveLength(2);
    const stored = await db.source.findMany({
      where: {
        title: { in: ["Araghchi: Iran ready to resume indirect talks with Washington", "Qatar says contacts with all parties continue"] },
      },
      select: { title: true, language: true, text: true, translation: true, translationLanguage: true },
      orderBy: { title: "asc" },
    });
    expect(stored).toEqual([
      {
        title: "Araghchi: Iran ready to resume indirect talks with Washington",
        language: "fa-IR",
        text: persian,
        translation: english,
        translationLanguage: "en",
      },
      {
        title: "Qatar says contacts with all parties continue",
        language: "ar",
        text: expect.stringMatching(/^قال المتحدث/),
        translation: expect.stringMatching(/^Qatar's foreign ministry/),
        translationLanguage: "en",
      },
    ]);
  });
});
