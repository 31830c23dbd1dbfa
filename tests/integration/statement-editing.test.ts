import { afterAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { updateStanceCoding } from "@/lib/data/codings";
import { listDeletedRecords, restoreFromAuditEntry } from "@/lib/data/history";
import { deleteStatement, getStatement, listStatements, updateStatement } from "@/lib/data/statements";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { parseListQuery } from "@/lib/lists/parameters";
import { statementListDefinition } from "@/lib/statements/list";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

const statementsOf = (sourceId: string) => parseListQuery(statementListDefinition, new URLSearchParams({ source: sourceId }));
const acting = (user: { id: string; role: "VIEWER" | "ANALYST" | "ADMIN" }) => ({ id: user.id, role: user.role });

/** A source of 28 Oct 2024 whose text holds two quotes; a statement on the first, coded by one analyst toward one target. */
async function codedStatement() {
  const analyst = await createUser(db, "ANALYST");
  const [speaker, otherSpeaker, target] = await Promise.all([createActor(db), createActor(db), createActor(db)]);
  const marker = `${Date.now()}-${Math.random()}`;
  const source = await createSource(
    db,
    `Report ${marker}. "We seek calm," the minister said. Later he added: "We will answer any attack." Then "We seek calm," again.`,
  );
  const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
  const coding = await createStanceCoding(db, { statement, targetId: target.id, coderId: analyst.id, score: 2 });
  return { analyst, actingAnalyst: acting(analyst), speaker, otherSpeaker, target, source, statement, coding };
}

async function expectFieldErrors(promise: Promise<unknown>, fields: string[]) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(fields.sort());
  return error as ValidationError;
}

describe("correcting a statement", () => {
  it("changes the speaker: the codings' copied speaker follows, the coding is kept and flagged for review, and it is audited", async () => {
    const { actingAnalyst, otherSpeaker, statement, coding } = await codedStatement();
    const updated = await updateStatement(actingAnalyst, statement.id, { version: 1, speakerId: otherSpeaker.id });
    expect(updated).toMatchObject({ version: 2, speaker: { id: otherSpeaker.id }, quote: "We seek calm,", codingCount: 1 });
    const storedCoding = await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } });
    expect(storedCoding.speakerId).toBe(otherSpeaker.id);
    expect(storedCoding.statementChangedAt).not.toBeNull();
    expect(storedCoding.version).toBe(1);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entity: "Statement", entityId: statement.id, action: "UPDATE" } });
    expect(audit).toMatchObject({
      userId: actingAnalyst.id,
      before: { speakerId: statement.speakerId },
      after: { speakerId: otherSpeaker.id },
    });

    // Saving the coding again is the coder's review: the flag clears.
    await updateStanceCoding(actingAnalyst, coding.id, {
      version: 1,
      score: 2,
      isConditional: false,
      confidence: "MEDIUM",
      rationale: "test",
    });
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).statementChangedAt).toBeNull();
  });

  it("re-cuts the span from the stored text, from offsets or from the words, and moves the date; a date change alone flags nothing", async () => {
    const { actingAnalyst, source, statement, coding } = await codedStatement();
    const words = "Later he added:";
    const start = source.text.indexOf(words);
    // A drag that caught a space on either side is trimmed, as when a statement is made.
    const bySpan = await updateStatement(actingAnalyst, statement.id, {
      version: 1,
      startOffset: start - 1,
      endOffset: start + words.length + 1,
    });
    expect(bySpan).toMatchObject({ quote: words, startOffset: start, endOffset: start + words.length, version: 2 });
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).statementChangedAt).not.toBeNull();

    await db.stanceCoding.update({ where: { id: coding.id }, data: { statementChangedAt: null } });
    const byDate = await updateStatement(actingAnalyst, statement.id, { version: 2, saidOn: "2024-10-20", saidOnPrecision: "DAY" });
    expect(byDate.saidOn).toBe("2024-10-20");
    const storedCoding = await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } });
    expect(storedCoding.saidOn.toISOString().slice(0, 10)).toBe("2024-10-20");
    expect(storedCoding.statementChangedAt).toBeNull();

    // The words alone, when they appear once, locate the span; the form change reaches the codings' copy.
    const byWords = await updateStatement(actingAnalyst, statement.id, {
      version: 3,
      quote: "We will answer any attack.",
      form: "PARAPHRASE",
    });
    expect(byWords).toMatchObject({ quote: "We will answer any attack.", startOffset: source.text.indexOf("We will answer any attack.") });
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).directQuote).toBe(false);
  });

  it("refuses bad input with 422 naming every field at once, and changes nothing", async () => {
    const { actingAnalyst, source, statement, target } = await codedStatement();
    const start = source.text.indexOf("We will answer");
    const error = await expectFieldErrors(
      updateStatement(actingAnalyst, statement.id, {
        version: 1,
        startOffset: start,
        endOffset: start + 14,
        quote: "We shall answer",
        speakerId: "no-such-actor",
        saidOn: "2024-10-29",
      }),
      ["quote", "speakerId", "saidOn"],
    );
    expect(error.status).toBe(422);
    expect(error.fieldErrors.quote).toMatch(/not verbatim.*We will answer/);
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 1, quote: "words nowhere in the text" }), ["quote"]);
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 1, quote: "We seek calm, again" }), ["quote"]);
    // Appears twice: the words alone cannot say which.
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 1, quote: '"We' }), ["quote"]);
    const spaces = source.text.indexOf(" the minister");
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 1, startOffset: spaces, endOffset: spaces + 1 }), [
      "quote",
    ]);
    await expectFieldErrors(
      updateStatement(actingAnalyst, statement.id, { version: 1, startOffset: 0, endOffset: source.text.length + 1 }),
      ["endOffset"],
    );
    // The coded target cannot become the speaker: a stance is toward someone else.
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 1, speakerId: target.id }), ["speakerId"]);
    // A deleted actor is no speaker.
    const gone = await createActor(db);
    await db.actor.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 1, speakerId: gone.id }), ["speakerId"]);
    // Known only to the month: any day of the publication month is allowed, the next month is not.
    expect(
      (await updateStatement(actingAnalyst, statement.id, { version: 1, saidOn: "2024-10-31", saidOnPrecision: "MONTH" })).version,
    ).toBe(2);
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 2, saidOn: "2024-11-01", saidOnPrecision: "MONTH" }), [
      "saidOn",
    ]);
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 2, saidOnPrecision: "DAY" }), ["saidOn"]);

    const stored = await db.statement.findUniqueOrThrow({ where: { id: statement.id } });
    expect(stored).toMatchObject({
      version: 2,
      quote: "We seek calm,",
      speakerId: statement.speakerId,
      startOffset: statement.startOffset,
    });
    expect(await db.auditEntry.count({ where: { entity: "Statement", entityId: statement.id } })).toBe(1);
  });

  it("tells a blind coder nothing of the targets others coded: any speaker change is refused alike until they code the statement", async () => {
    const { statement, target, otherSpeaker, source } = await codedStatement();
    const blindCoder = await createUser(db, "ANALYST");
    const hidden = "cannot change while other coders' work on this statement is hidden from you";
    // The coded target and any other actor get the same answer: the refusal does not depend on what was coded.
    for (const speakerId of [target.id, otherSpeaker.id]) {
      const error = await expectFieldErrors(updateStatement(acting(blindCoder), statement.id, { version: 1, speakerId }), ["speakerId"]);
      expect(error.fieldErrors.speakerId).toContain(hidden);
    }
    // Other fields stay open to correction.
    expect((await updateStatement(acting(blindCoder), statement.id, { version: 1, form: "PARAPHRASE" })).version).toBe(2);

    // Once they have coded it they see the others' codings, and the rule is given as it is to everyone.
    const elsewhere = await createActor(db);
    await createStanceCoding(db, { statement, targetId: elsewhere.id, coderId: blindCoder.id, score: 0 });
    const error = await expectFieldErrors(updateStatement(acting(blindCoder), statement.id, { version: 2, speakerId: target.id }), [
      "speakerId",
    ]);
    expect(error.fieldErrors.speakerId).toMatch(/^is a target this statement is coded toward/);
    expect((await updateStatement(acting(blindCoder), statement.id, { version: 2, speakerId: otherSpeaker.id })).version).toBe(3);

    // A source coded openly hides nothing.
    await db.source.update({ where: { id: source.id }, data: { blindCoding: false } });
    const openCoder = await createUser(db, "ANALYST");
    const open = await expectFieldErrors(updateStatement(acting(openCoder), statement.id, { version: 3, speakerId: target.id }), [
      "speakerId",
    ]);
    expect(open.fieldErrors.speakerId).toMatch(/^is a target this statement is coded toward/);
  });

  it("of 20 concurrent edits from the same version exactly one lands; the others get 409 with the current statement", async () => {
    const { actingAnalyst, statement } = await codedStatement();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        updateStatement(actingAnalyst, statement.id, { version: 1, channel: index % 2 ? "PRESS_CONFERENCE" : "OFFICIAL_STATEMENT" }),
      ),
    );
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const failure of refused) {
      expect(failure.reason).toBeInstanceOf(ConflictError);
      expect((failure.reason as ConflictError).current).toMatchObject({ id: statement.id, version: 2 });
    }
    expect(await db.auditEntry.count({ where: { entity: "Statement", entityId: statement.id, action: "UPDATE" } })).toBe(1);
  });

  it("refuses a correction that would duplicate another statement of the same speaker and span with 409", async () => {
    const { actingAnalyst, source, speaker } = await codedStatement();
    const second = await createStatement(db, { source, speakerId: speaker.id, quote: "We will answer any attack." });
    const error = await updateStatement(actingAnalyst, second.id, { version: 1, quote: "We seek calm,", startOffset: undefined }).catch(
      (caught: unknown) => caught,
    );
    // "We seek calm," appears twice; name the first occurrence by offsets.
    expect(error).toBeInstanceOf(ValidationError);
    const first = source.text.indexOf("We seek calm,");
    await expect(
      updateStatement(actingAnalyst, second.id, { version: 1, startOffset: first, endOffset: first + "We seek calm,".length }),
    ).rejects.toThrowError(ConflictError);
    expect((await db.statement.findUniqueOrThrow({ where: { id: second.id } })).version).toBe(1);
  });

  it("lets viewers read but not correct; deletes softly, takes the codings out of the charts, and an admin restores it", async () => {
    const { actingAnalyst, statement, coding, source } = await codedStatement();
    const viewer = acting(await createUser(db, "VIEWER"));
    const admin = acting(await createUser(db, "ADMIN"));
    const otherAnalyst = acting(await createUser(db, "ANALYST"));
    expect((await getStatement(viewer, statement.id)).quote).toBe("We seek calm,");
    expect((await listStatements(viewer, statementsOf(source.id))).rows.map((row) => row.id)).toEqual([statement.id]);
    await expect(updateStatement(viewer, statement.id, { version: 1, channel: "INTERVIEW" })).rejects.toThrowError(PermissionDeniedError);
    await expect(deleteStatement(viewer, statement.id, 1)).rejects.toThrowError(PermissionDeniedError);
    await expect(updateStatement(null, statement.id, { version: 1 })).rejects.toThrowError("Sign in to continue.");
    // Another analyst's codings keep an analyst from deleting it; an admin may.
    const refusal = await deleteStatement(otherAnalyst, statement.id, 1).catch((caught: unknown) => caught);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).status).toBe(403);
    await expect(deleteStatement(admin, statement.id, 5)).rejects.toThrowError(ConflictError);

    await deleteStatement(admin, statement.id, 1);
    await expect(getStatement(actingAnalyst, statement.id)).rejects.toThrowError(NotFoundError);
    expect((await listStatements(viewer, statementsOf(source.id))).rows).toEqual([]);
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).statementLive).toBe(false);
    await expect(updateStatement(actingAnalyst, statement.id, { version: 2, channel: "INTERVIEW" })).rejects.toThrowError(NotFoundError);

    const deleted = (await listDeletedRecords(admin)).find((record) => record.entityId === statement.id);
    expect(deleted).toMatchObject({ entity: "Statement" });
    await restoreFromAuditEntry(admin, deleted!.auditEntryId);
    expect((await getStatement(actingAnalyst, statement.id)).version).toBe(3);
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).statementLive).toBe(true);
  });

  it("refuses hostile spans and words: half an emoji, control bytes, a lone surrogate; nothing changes", async () => {
    const { actingAnalyst } = await codedStatement();
    const speaker = await createActor(db);
    const source = await createSource(db, `Gulf ${Date.now()} \ud83c\uddee\ud83c\uddf7 "We stand ready," said the envoy.`);
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We stand ready," });
    const flag = source.text.indexOf("\ud83c");
    // Offsets inside the flag's surrogate pairs.
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 1, startOffset: flag + 1, endOffset: flag + 10 }), [
      "quote",
    ]);
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 1, startOffset: flag - 3, endOffset: flag + 3 }), [
      "quote",
    ]);
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 1, quote: "We stand\u0000 ready," }), ["quote"]);
    await expectFieldErrors(updateStatement(actingAnalyst, statement.id, { version: 1, quote: "\udc00We stand ready," }), ["quote"]);
    // Whole characters are fine, the flag included.
    const withFlag = await updateStatement(actingAnalyst, statement.id, { version: 1, startOffset: flag, endOffset: flag + 4 });
    expect(withFlag.quote).toBe("\ud83c\uddee\ud83c\uddf7");
    expect((await db.statement.findUniqueOrThrow({ where: { id: statement.id } })).quote).toBe(source.text.slice(flag, flag + 4));
  });
});
