import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import {
  createStanceCoding as saveStanceCoding,
  deleteStanceCoding,
  getStanceCoding,
  listCodingFilterOptions,
  listStanceCodingsForReview,
  updateStanceCoding,
} from "@/lib/data/codings";
import { listStatementFilterOptions } from "@/lib/data/statements";
import { listDeletedRecords, listRecordHistory, restoreFromAuditEntry } from "@/lib/data/history";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";
import { untilALockIsAwaited } from "../support/locks";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

async function codingOwnedBy(role: "ANALYST" | "ADMIN" = "ANALYST") {
  const coder = await createUser(db, role);
  const speaker = await createActor(db);
  const target = await createActor(db);
  const source = await createSource(db);
  const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm," });
  const coding = await createStanceCoding(db, { statement, targetId: target.id, coderId: coder.id, score: 1 });
  return { coder, coding, actingCoder: { id: coder.id, role: coder.role } };
}

const edit = (version: number, score: number, rationale = `score ${score}`) => ({
  version,
  score,
  isConditional: false,
  confidence: "HIGH" as const,
  rationale,
});

describe("editing a coding", () => {
  it("of 50 concurrent edits from the same version, exactly one succeeds; the others get 409 with the current values", async () => {
    const { coding, actingCoder } = await codingOwnedBy();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) => updateStanceCoding(actingCoder, coding.id, edit(1, (index % 7) - 3, `edit ${index}`))),
    );
    const succeeded = results.filter((result) => result.status === "fulfilled");
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const failure of refused) {
      expect(failure.reason).toBeInstanceOf(ConflictError);
      expect((failure.reason as ConflictError).status).toBe(409);
      expect((failure.reason as ConflictError).current).toMatchObject({ id: coding.id, version: 2 });
    }
    const stored = await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } });
    expect(stored.version).toBe(2);
    expect(stored.rationale).toBe((succeeded[0] as PromiseFulfilledResult<{ rationale: string }>).value.rationale);
    expect(await db.auditEntry.count({ where: { entity: "StanceCoding", entityId: coding.id, action: "UPDATE" } })).toBe(1);
  });

  it("refuses another analyst's edit of a coding hidden from them by blind coding without naming its coder", async () => {
    const { coder, coding } = await codingOwnedBy();
    const otherAnalyst = await createUser(db, "ANALYST");
    const refusal = (actor: { id: string; role: "ANALYST" | "ADMIN" }) =>
      updateStanceCoding(actor, coding.id, edit(1, 3)).then(
        () => null,
        (error: unknown) => error as PermissionDeniedError,
      );
    const blind = await refusal({ id: otherAnalyst.id, role: "ANALYST" });
    expect(blind).toBeInstanceOf(PermissionDeniedError);
    expect(blind!.status).toBe(403);
    expect(blind!.message).toBe("Only the coder can change a coding; this one is another coder's.");
    expect(blind!.message).not.toContain(coder.name);
    // Once the source is not blind the coding is visible, and the refusal may say whose it is.
    await db.source.update({
      where: { id: (await db.statement.findUniqueOrThrow({ where: { id: coding.statementId } })).sourceId },
      data: { blindCoding: false },
    });
    expect((await refusal({ id: otherAnalyst.id, role: "ANALYST" }))!.message).toContain(coder.name);
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).score).toBe(1);
  });

  it("lets only the coder change a coding, and nobody without the edit permission", async () => {
    const { coding } = await codingOwnedBy();
    const otherAnalyst = await createUser(db, "ANALYST");
    const viewer = await createUser(db, "VIEWER");
    await expect(updateStanceCoding({ id: otherAnalyst.id, role: "ANALYST" }, coding.id, edit(1, 3))).rejects.toThrowError(
      /Only the coder can change a coding/,
    );
    await expect(updateStanceCoding({ id: viewer.id, role: "VIEWER" }, coding.id, edit(1, 3))).rejects.toThrowError(PermissionDeniedError);
    await expect(updateStanceCoding(null, coding.id, edit(1, 3))).rejects.toThrowError("Sign in to continue.");
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).score).toBe(1);
  });

  it("lets an administrator delete another coder's coding (an import's, say), never edit it, and restore it; other analysts neither", async () => {
    const { coding, actingCoder } = await codingOwnedBy();
    const otherAnalyst = await createUser(db, "ANALYST");
    const admin = await createUser(db, "ADMIN");
    const actingAdmin = { id: admin.id, role: admin.role };
    await expect(deleteStanceCoding({ id: otherAnalyst.id, role: "ANALYST" }, coding.id, 1)).rejects.toThrowError(/Only the coder/);
    await expect(updateStanceCoding(actingAdmin, coding.id, edit(1, 3))).rejects.toThrowError(/Only the coder can change a coding/);
    // A stale version is a conflict for an administrator as for the coder.
    await updateStanceCoding(actingCoder, coding.id, edit(1, -1));
    await expect(deleteStanceCoding(actingAdmin, coding.id, 1)).rejects.toThrowError(ConflictError);
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).deletedAt).toBeNull();

    await deleteStanceCoding(actingAdmin, coding.id, 2);
    expect(await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).toMatchObject({ score: -1, version: 3 });
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).deletedAt).not.toBeNull();
    // Attributed to the administrator, and theirs to undo.
    const deletion = await db.auditEntry.findFirstOrThrow({ where: { entity: "StanceCoding", entityId: coding.id, action: "DELETE" } });
    expect(deletion.userId).toBe(admin.id);
    await restoreFromAuditEntry(actingAdmin, deletion.id.toString());
    expect(await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).toMatchObject({ deletedAt: null, score: -1 });
  });

  it("soft-deletes: the coding leaves the lists, stays in the database, and an admin restores it exactly", async () => {
    const { coding, actingCoder } = await codingOwnedBy();
    const admin = await createUser(db, "ADMIN");
    const actingAdmin = { id: admin.id, role: admin.role };
    await updateStanceCoding(actingCoder, coding.id, edit(1, -2, "second thoughts"));
    await expect(deleteStanceCoding(actingCoder, coding.id, 1)).rejects.toThrowError(ConflictError);
    await deleteStanceCoding(actingCoder, coding.id, 2);

    await expect(getStanceCoding(actingCoder, coding.id)).rejects.toThrowError(NotFoundError);
    expect((await listStanceCodingsForReview(actingCoder)).rows.map((row) => row.id)).not.toContain(coding.id);
    const deleted = (await listDeletedRecords(actingAdmin)).find((record) => record.entityId === coding.id);
    expect(deleted).toMatchObject({ entity: "StanceCoding", label: "Coding −2: second thoughts" });
    await expect(restoreFromAuditEntry(actingCoder, deleted!.auditEntryId)).rejects.toThrowError(PermissionDeniedError);

    await restoreFromAuditEntry(actingAdmin, deleted!.auditEntryId);
    const restored = await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } });
    expect(restored).toMatchObject({ deletedAt: null, score: -2, rationale: "second thoughts", version: 4 });

    // Back to the very first version, from the creation's entry.
    const history = await listRecordHistory(actingAdmin, "StanceCoding", coding.id);
    expect(history.map((entry) => entry.action)).toEqual(["RESTORE", "DELETE", "UPDATE"]);
    const update = history.find((entry) => entry.action === "UPDATE")!;
    expect(update.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "score", label: "Score", before: 1, after: -2, beforeText: "+1", afterText: "−2" }),
        expect.objectContaining({ field: "rationale", label: "Rationale", before: "test", after: "second thoughts" }),
      ]),
    );
    const updateEntry = await db.auditEntry.findUniqueOrThrow({ where: { id: BigInt(update.id) } });
    const original = updateEntry.before as Record<string, unknown>;
    await db.stanceCoding.update({ where: { id: coding.id }, data: { score: 3 } });
    // Restoring the update entry brings back its "after"; its "before" is the original, kept verbatim in the trail.
    await restoreFromAuditEntry(actingAdmin, update.id);
    const afterRestore = await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } });
    expect({ score: afterRestore.score, rationale: afterRestore.rationale, confidence: afterRestore.confidence }).toEqual({
      score: -2,
      rationale: "second thoughts",
      confidence: "HIGH",
    });
    expect(original).toMatchObject({ score: 1, rationale: "test", confidence: "MEDIUM" });
  });
});

describe("a deleted source", () => {
  it("takes its codings and its title out of reach: the coding's page and the lists' filters read them no more", async () => {
    const coder = await createUser(db);
    const source = await createSource(db);
    const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
    const coding = await createStanceCoding(db, { statement, targetId: (await createActor(db)).id, coderId: coder.id, score: 1 });
    const actingCoder = { id: coder.id, role: "ANALYST" as const };
    expect((await getStanceCoding(actingCoder, coding.id)).id).toBe(coding.id);
    expect((await listCodingFilterOptions(actingCoder, source.id)).sourceTitle).toBe(source.title);
    await db.source.update({ where: { id: source.id }, data: { deletedAt: new Date() } });
    await expect(getStanceCoding(actingCoder, coding.id)).rejects.toThrowError(NotFoundError);
    expect((await listCodingFilterOptions(actingCoder, source.id)).sourceTitle).toBeNull();
    expect((await listStatementFilterOptions(actingCoder, source.id)).sourceTitle).toBeNull();
  });
});

describe("a statement deleted while a coding of it is being saved", () => {
  it("refuses the coding once the deletion commits, rather than saving it into a deleted statement", async () => {
    const coder = await createUser(db);
    const source = await createSource(db);
    const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
    const target = await createActor(db);
    const deleter = new pg.Client({ connectionString: testLane().databaseUrl });
    await deleter.connect();
    try {
      await deleter.query("BEGIN");
      // As deleteSource and deleteStatement do: the row locked FOR UPDATE, then marked deleted.
      await deleter.query(`SELECT id FROM "Statement" WHERE id = $1 FOR UPDATE`, [statement.id]);
      await deleter.query(`UPDATE "Statement" SET "deletedAt" = now(), version = version + 1 WHERE id = $1`, [statement.id]);
      const saving = saveStanceCoding(
        { id: coder.id, role: "ANALYST" },
        { statementId: statement.id, targetId: target.id, score: 1, isConditional: false, confidence: "MEDIUM", rationale: "calm" },
      ).then(
        () => "saved",
        (error: unknown) => error,
      );
      // The save waits on the statement the deletion holds; then the deletion commits.
      await untilALockIsAwaited(deleter);
      await deleter.query("COMMIT");
      expect(await saving).toBeInstanceOf(NotFoundError);
    } finally {
      await deleter.end();
    }
    expect(await db.stanceCoding.count({ where: { statementId: statement.id } })).toBe(0);
  });
});

describe("restoring from history while the record is being edited", () => {
  it("waits for the edit and restores over it as a new version, never taking the edit's version number", async () => {
    const admin = await createUser(db, "ADMIN");
    const coder = await createUser(db);
    const source = await createSource(db);
    const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
    const coding = await createStanceCoding(db, { statement, targetId: (await createActor(db)).id, coderId: coder.id, score: 1 });
    const actingCoder = { id: coder.id, role: "ANALYST" as const };
    const base = { isConditional: false, confidence: "MEDIUM" as const, rationale: "first reading" };
    await updateStanceCoding(actingCoder, coding.id, { version: 1, score: 2, ...base });
    const [entry] = await listRecordHistory({ id: admin.id, role: "ADMIN" }, "StanceCoding", coding.id);

    // The coder's next edit is in progress on another connection, holding the row, when the restore starts.
    const editor = new pg.Client({ connectionString: testLane().databaseUrl });
    await editor.connect();
    try {
      await editor.query("BEGIN");
      await editor.query(`UPDATE "StanceCoding" SET score = -3, version = version + 1 WHERE id = $1 AND version = 2`, [coding.id]);
      const restoring = restoreFromAuditEntry({ id: admin.id, role: "ADMIN" }, entry!.id);
      // The restore blocks on the row the edit holds (where it blocks, before reading it or only when writing it,
      // is what this tests); then the edit commits.
      await untilALockIsAwaited(editor);
      await editor.query("COMMIT");
      await restoring;
    } finally {
      await editor.end();
    }
    const restored = await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } });
    expect(restored).toMatchObject({ score: 2, version: 4 });
    // The restore's entry shows what it replaced: the committed edit.
    const [restoreEntry] = await listRecordHistory({ id: admin.id, role: "ADMIN" }, "StanceCoding", coding.id);
    expect(restoreEntry!.action).toBe("RESTORE");
    expect(restoreEntry!.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: "score", before: -3, after: 2 })]));
  });
});

describe("the audit trail", () => {
  it("is refused UPDATE, DELETE and TRUNCATE by the database itself, even to the tables' owner", async () => {
    const owner = createPrismaClient(testLane().ownerDatabaseUrl, { maxConnections: 1 });
    try {
      const entry = await owner.auditEntry.findFirstOrThrow();
      await expect(owner.$executeRawUnsafe(`UPDATE "AuditEntry" SET "entity" = 'forged' WHERE id = ${entry.id}`)).rejects.toThrow(
        /append-only: UPDATE is not allowed/,
      );
      await expect(owner.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE id = ${entry.id}`)).rejects.toThrow(
        /append-only: DELETE is not allowed/,
      );
      await expect(owner.$executeRawUnsafe(`TRUNCATE "AuditEntry" CASCADE`)).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
      await expect(owner.auditEntry.findUniqueOrThrow({ where: { id: entry.id } })).resolves.toMatchObject({ entity: entry.entity });
    } finally {
      await owner.$disconnect();
    }
  });
});
