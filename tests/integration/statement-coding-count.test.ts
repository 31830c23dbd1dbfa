// A statement's live coding count (Statement.liveCodingCount) and a source's
// live statement count (Source.liveStatementCount) are kept by triggers
// (prisma/sql/coverage-counts.sql, docs/decisions/0034), and the lists'
// "coded or not" and coverage filters read them. After every way a coding is written, the kept count must equal a count
// of the live codings: made in the app, by another path straight to the table,
// soft-deleted, restored from the history, edited, moved to another
// statement, hard-deleted, imported from a codings file and from a corpus
// bundle, and carried through an actor merge and its undoing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeActors, undoActorMerge } from "@/lib/data/actor-merges";
import { exportBundle, importBundle } from "@/lib/data/bundle";
import { createStanceCoding, deleteStanceCoding, updateStanceCoding } from "@/lib/data/codings";
import { exportExchangeFile, importExchangeFile } from "@/lib/data/exchange";
import { listDeletedRecords, restoreFromAuditEntry } from "@/lib/data/history";
import { listSources } from "@/lib/data/sources";
import { createStatement as makeStatement, deleteStatement, getStatement, listStatements } from "@/lib/data/statements";
import { sourceListDefinition } from "@/lib/sources/list";
import { statementCreationSchema } from "@/lib/statements/schemas";
import { createPrismaClient } from "@/lib/database/prisma";
import { parseListQuery } from "@/lib/lists/parameters";
import { statementListDefinition } from "@/lib/statements/list";
import { createActor, createSource, createStatement, createUser, createStanceCoding as insertCoding } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });

type Acting = { id: string; role: "ADMIN" | "ANALYST"; isAdjudicator?: boolean };
let admin: Acting;
let coderA: Acting & { email: string };
let coderB: Acting & { email: string };
let world: {
  sourceId: string;
  targetId: string;
  otherTargetId: string;
  /** S1 and S3 share speaker and date, so a coding can move between them (the composite key carries both). */
  statements: { id: string; speakerId: string; saidOn: Date }[];
};

beforeAll(async () => {
  const adminUser = await createUser(db, "ADMIN");
  admin = { id: adminUser.id, role: "ADMIN" };
  const a = await createUser(db, "ANALYST");
  const b = await createUser(db, "ANALYST");
  coderA = { id: a.id, role: "ANALYST", email: a.email };
  coderB = { id: b.id, role: "ANALYST", email: b.email };
  const speaker = await createActor(db, { name: "Count speaker" });
  const target = await createActor(db, { name: "Count target", isTrackedTarget: true });
  const otherTarget = await createActor(db, { name: "Count target, a duplicate" });
  const source = await createSource(db, `Counting ${Date.now()}: first words, second words, third words.`);
  const statements = [];
  for (const quote of ["first words", "second words", "third words"])
    statements.push(await createStatement(db, { source, speakerId: speaker.id, quote, saidOn: "2024-10-01" }));
  world = { sourceId: source.id, targetId: target.id, otherTargetId: otherTarget.id, statements };
});

afterAll(() => db.$disconnect());

/** The kept counts of the test's statements beside a count of their live codings; equal when the triggers did their work. */
async function keptAndCounted(): Promise<{ kept: number[]; counted: number[] }> {
  const ids = world.statements.map((statement) => statement.id);
  const rows = await db.statement.findMany({ where: { id: { in: ids } }, select: { id: true, liveCodingCount: true } });
  const kept = ids.map((id) => rows.find((row) => row.id === id)!.liveCodingCount);
  const counted = await Promise.all(ids.map((statementId) => db.stanceCoding.count({ where: { statementId, deletedAt: null } })));
  return { kept, counted };
}

async function expectCounts(expected: number[]) {
  const { kept, counted } = await keptAndCounted();
  expect(counted, "the live codings themselves").toEqual(expected);
  expect(kept, "the trigger-kept count").toEqual(expected);
}

const notCodedYet = async () =>
  (
    await listStatements(admin, { ...parseListQuery(statementListDefinition, new URLSearchParams(`source=${world.sourceId}&coded=no`)) })
  ).rows.map((row) => row.quote);

describe("a statement's live coding count", () => {
  it("follows codings made, edited, soft-deleted, restored, moved and hard-deleted, and the list's coded filter reads it", async () => {
    const [s1, , s3] = world.statements;
    await expectCounts([0, 0, 0]);
    expect((await notCodedYet()).sort()).toEqual(["first words", "second words", "third words"]);

    const mine = await createStanceCoding(coderA, {
      statementId: s1!.id,
      targetId: world.targetId,
      score: 2,
      isConditional: false,
      confidence: "MEDIUM",
      rationale: "Conciliatory.",
    });
    await expectCounts([1, 0, 0]);
    expect((await getStatement(admin, s1!.id)).codingCount).toBe(1);
    expect(await notCodedYet()).not.toContain("first words");

    // Straight into the table (as a script or the seed would), by a second coder.
    const theirs = await insertCoding(db, { statement: s1!, targetId: world.targetId, coderId: coderB.id, score: 1 });
    await expectCounts([2, 0, 0]);

    // Editing the score changes nothing.
    const edited = await updateStanceCoding(coderA, mine.id, {
      version: mine.version,
      score: 3,
      isConditional: false,
      confidence: "HIGH",
      rationale: "More conciliatory.",
    });
    await expectCounts([2, 0, 0]);

    // Soft delete (the app's delete and the queue's undo), then restore from the history.
    await deleteStanceCoding(coderA, mine.id, edited.version);
    await expectCounts([1, 0, 0]);
    // Deleted again while deleted (a later timestamp): still one.
    await db.stanceCoding.update({ where: { id: mine.id }, data: { deletedAt: new Date(Date.now() + 1000) } });
    await expectCounts([1, 0, 0]);
    const deleted = (await listDeletedRecords(admin)).find((record) => record.entityId === mine.id);
    expect(deleted).toBeDefined();
    await restoreFromAuditEntry(admin, deleted!.auditEntryId);
    await expectCounts([2, 0, 0]);

    // Moved to another statement (same speaker and date): one leaves the first, one arrives at the third.
    await db.stanceCoding.update({ where: { id: theirs.id }, data: { statementId: s3!.id } });
    await expectCounts([1, 0, 1]);
    expect(await notCodedYet()).toEqual(["second words"]);

    // A deleted coding moved counts nowhere; restored where it now is, it counts there.
    await db.stanceCoding.update({ where: { id: theirs.id }, data: { deletedAt: new Date() } });
    await expectCounts([1, 0, 0]);
    await db.stanceCoding.update({ where: { id: theirs.id }, data: { statementId: s1!.id } });
    await expectCounts([1, 0, 0]);
    await db.stanceCoding.update({ where: { id: theirs.id }, data: { deletedAt: null } });
    await expectCounts([2, 0, 0]);

    // Hard deletes: of a live coding and of a deleted one.
    await db.stanceCoding.update({ where: { id: theirs.id }, data: { deletedAt: new Date() } });
    await db.stanceCoding.delete({ where: { id: theirs.id } });
    await expectCounts([1, 0, 0]);
    await db.stanceCoding.delete({ where: { id: mine.id } });
    await expectCounts([0, 0, 0]);

    // Several rows in one statement (updateMany, deleteMany): each row counts.
    for (const coder of [coderA, coderB]) await insertCoding(db, { statement: s3!, targetId: world.targetId, coderId: coder.id, score: 0 });
    await expectCounts([0, 0, 2]);
    await db.stanceCoding.updateMany({ where: { statementId: s3!.id }, data: { deletedAt: new Date() } });
    await expectCounts([0, 0, 0]);
    await db.stanceCoding.updateMany({ where: { statementId: s3!.id }, data: { deletedAt: null } });
    await expectCounts([0, 0, 2]);
    await db.stanceCoding.deleteMany({ where: { statementId: s3!.id } });
    await expectCounts([0, 0, 0]);
    expect((await getStatement(admin, s3!.id)).codingCount).toBe(0);
  });

  it("follows codings imported from a codings file and from a corpus bundle", async () => {
    const [s1, s2] = world.statements;
    const seeded = await insertCoding(db, { statement: s1!, targetId: world.targetId, coderId: coderA.id, score: -1 });
    await expectCounts([1, 0, 0]);

    // The codings file: coder A's line, as coder B's.
    const exchange = (await exportExchangeFile(admin, "jsonl")).split("\n").find((line) => line.includes(`"statement_id":"${s1!.id}"`));
    expect(exchange).toBeDefined();
    const imported = await importExchangeFile(admin, {
      format: "jsonl",
      content: `${JSON.stringify({ ...JSON.parse(exchange!), coder: coderB.email })}\n`,
      skipInvalid: false,
    });
    expect(imported.imported).toBe(1);
    await expectCounts([2, 0, 0]);

    // The bundle: the header and one coding of the second statement, new to this database.
    const [header, ...records] = (await exportBundle(admin)).trimEnd().split("\n");
    const codingLine = records.find((line) => line.startsWith('{"record":"coding"') && line.includes(`"id":"${seeded.id}"`));
    expect(codingLine).toBeDefined();
    const newCoding = { ...JSON.parse(codingLine!), id: `count-bundle-${Date.now()}`, statementId: s2!.id };
    // Without the header's record counts, which announce the whole export.
    const headerWithoutCounts = JSON.parse(header!) as Record<string, unknown>;
    delete headerWithoutCounts.records;
    const outcome = await importBundle(admin, `${JSON.stringify(headerWithoutCounts)}\n${JSON.stringify(newCoding)}\n`, {
      skipConflicts: false,
    });
    expect(outcome.created).toEqual({ coding: 1 });
    await expectCounts([2, 1, 0]);
  });

  it("holds through actor merges (of a target: codings move; of a speaker: statements move) and their undoing", async () => {
    const [, , s3] = world.statements;
    await insertCoding(db, { statement: s3!, targetId: world.otherTargetId, coderId: coderA.id, score: 1 });
    const before = await keptAndCounted();
    expect(before.kept).toEqual(before.counted);
    const duplicate = await db.actor.findUniqueOrThrow({ where: { id: world.otherTargetId } });
    // A speaker merged into another: its statements, and so its count, move to the one kept.
    const speakerOf = world.statements[0]!.speakerId;
    const twin = await createActor(db, { name: "Count speaker, a twin" });
    const twinSource = await createSource(db, `Twin ${Date.now()}: twin words.`);
    await createStatement(db, { source: twinSource, speakerId: twin.id, quote: "twin words" });
    const speakerCounts = async () =>
      Promise.all(
        [speakerOf, twin.id].map(async (id) => ({
          kept: (await db.actor.findUniqueOrThrow({ where: { id } })).liveStatementCount,
          counted: await db.statement.count({ where: { speakerId: id, deletedAt: null } }),
        })),
      );
    expect(await speakerCounts()).toEqual([
      { kept: 3, counted: 3 },
      { kept: 1, counted: 1 },
    ]);
    const twinNow = await db.actor.findUniqueOrThrow({ where: { id: twin.id } });
    const speakerMerge = await mergeActors(admin, { fromId: twin.id, fromVersion: twinNow.version, intoId: speakerOf });
    expect(await speakerCounts()).toEqual([
      { kept: 4, counted: 4 },
      { kept: 0, counted: 0 },
    ]);
    await undoActorMerge(admin, speakerMerge.auditEntryId);
    expect(await speakerCounts()).toEqual([
      { kept: 3, counted: 3 },
      { kept: 1, counted: 1 },
    ]);
    const merged = await mergeActors(admin, { fromId: duplicate.id, fromVersion: duplicate.version, intoId: world.targetId });
    const after = await keptAndCounted();
    expect(after.kept).toEqual(before.kept);
    expect(after.counted).toEqual(before.counted);
    await undoActorMerge(admin, merged.auditEntryId);
    const undone = await keptAndCounted();
    expect(undone.kept).toEqual(before.kept);
    expect(undone.counted).toEqual(before.counted);
  });
});

describe("a source's and a speaker's live statement counts", () => {
  it("follow statements made, soft-deleted, restored, moved and hard-deleted, and the sources list's coverage reads it", async () => {
    const speaker = await createActor(db, { name: "Source count speaker" });
    const first = await createSource(db, `Source count ${Date.now()}: alpha words and beta words.`);
    const second = await createSource(db, `Source count ${Date.now()}, second: alpha words and beta words.`);
    const kept = async () =>
      (await db.source.findMany({ where: { id: { in: [first.id, second.id] } }, select: { id: true, liveStatementCount: true } }))
        .sort((a, b) => (a.id === first.id ? -1 : b.id === first.id ? 1 : 0))
        .map((row) => row.liveStatementCount);
    const counted = async () =>
      Promise.all([first.id, second.id].map((sourceId) => db.statement.count({ where: { sourceId, deletedAt: null } })));
    const expectCounts = async (expected: number[]) => {
      expect(await counted(), "the live statements themselves").toEqual(expected);
      expect(await kept(), "the trigger-kept count").toEqual(expected);
      // The speaker's count, kept by the same kind of trigger: all these statements are the one speaker's.
      const spoken = await db.statement.count({ where: { speakerId: speaker.id, deletedAt: null } });
      expect(spoken).toBe(expected[0]! + expected[1]!);
      expect((await db.actor.findUniqueOrThrow({ where: { id: speaker.id } })).liveStatementCount, "the speaker's kept count").toBe(spoken);
    };
    const notStarted = async () =>
      (
        await listSources(admin, { ...parseListQuery(sourceListDefinition, new URLSearchParams("coverage=not-started")), pageSize: 100 })
      ).rows
        .map((row) => row.id)
        .filter((id) => id === first.id || id === second.id)
        .sort();
    await expectCounts([0, 0]);
    expect(await notStarted()).toEqual([first.id, second.id].sort());

    const start = first.text.indexOf("alpha words");
    const made = await makeStatement(
      coderA,
      statementCreationSchema.parse({
        sourceId: first.id,
        speakerId: speaker.id,
        startOffset: start,
        endOffset: start + "alpha words".length,
        saidOn: "2024-10-01",
        saidOnPrecision: "DAY",
        form: "PARAPHRASE",
        channel: "INTERVIEW",
      }),
    );
    await expectCounts([1, 0]);
    expect(await notStarted()).toEqual([second.id]);
    const page = await listSources(admin, {
      ...parseListQuery(sourceListDefinition, new URLSearchParams("coverage=has-statements")),
      pageSize: 100,
    });
    expect(page.rows.find((row) => row.id === first.id)?.statementCount).toBe(1);

    const other = await createStatement(db, { source: first, speakerId: speaker.id, quote: "beta words" });
    await expectCounts([2, 0]);
    const current = await db.statement.findUniqueOrThrow({ where: { id: made.id } });
    await deleteStatement(admin, made.id, current.version);
    await expectCounts([1, 0]);
    const deleted = (await listDeletedRecords(admin)).find((record) => record.entityId === made.id);
    expect(deleted).toBeDefined();
    await restoreFromAuditEntry(admin, deleted!.auditEntryId);
    await expectCounts([2, 0]);
    // Moved to the other source (the same words are there too).
    const moved = second.text.indexOf("beta words");
    await db.statement.update({
      where: { id: other.id },
      data: { sourceId: second.id, startOffset: moved, endOffset: moved + "beta words".length },
    });
    await expectCounts([1, 1]);
    await db.statement.update({ where: { id: other.id }, data: { deletedAt: new Date() } });
    await expectCounts([1, 0]);
    expect(await notStarted()).toEqual([second.id]);
    await db.statement.delete({ where: { id: other.id } });
    await expectCounts([1, 0]);
    await db.statement.delete({ where: { id: made.id } });
    await expectCounts([0, 0]);
  });
});
