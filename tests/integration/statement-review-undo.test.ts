// Undoing a "no stance" from the queue: a soft deletion only its coder may make,
// audited, racing itself safely, and restorable from History by an admin.
import { afterAll, describe, expect, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { deleteStatementReview, listCodingQueue, markNoStance } from "@/lib/data/codings";
import { listDeletedRecords, restoreFromAuditEntry } from "@/lib/data/history";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { createActor, createSource, createStatement, createUser, todayIso } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

const acting = (user: { id: string; role: "VIEWER" | "ANALYST" | "ADMIN" }) => ({ id: user.id, role: user.role });

async function reviewedStatement() {
  const coder = acting(await createUser(db, "ANALYST"));
  const source = await createSource(db, undefined, { publishedOn: todayIso() });
  const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
  const review = await markNoStance(coder, statement.id);
  return { coder, statement, review };
}

const inQueue = async (coder: { id: string; role: "VIEWER" | "ANALYST" | "ADMIN" }, statementId: string) =>
  (await listCodingQueue(coder)).items.some((item) => item.statementId === statementId);

describe("deleteStatementReview", () => {
  it("soft-deletes the coder's own review, audits it, and the statement returns to their queue", async () => {
    const { coder, statement, review } = await reviewedStatement();
    expect(review.version).toBe(1);
    expect(await inQueue(coder, statement.id)).toBe(false);

    await deleteStatementReview(coder, review.id, review.version);

    const row = await db.statementReview.findUniqueOrThrow({ where: { id: review.id } });
    expect(row.deletedAt).not.toBeNull();
    expect(row.version).toBe(2);
    expect(await inQueue(coder, statement.id)).toBe(true);
    const audit = await db.auditEntry.findMany({ where: { entity: "StatementReview", entityId: review.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.userId])).toEqual([
      ["CREATE", coder.id],
      ["DELETE", coder.id],
    ]);
    // Deleting it again finds nothing live.
    await expect(deleteStatementReview(coder, review.id, 2)).rejects.toThrowError(NotFoundError);
  });

  it("refuses another coder, an admin, a viewer and anonymous visitors, changing nothing", async () => {
    const { coder, review } = await reviewedStatement();
    const other = acting(await createUser(db, "ANALYST"));
    const admin = acting(await createUser(db, "ADMIN"));
    const viewer = acting(await createUser(db, "VIEWER"));
    await expect(deleteStatementReview(other, review.id, 1)).rejects.toThrowError(NotFoundError);
    await expect(deleteStatementReview(admin, review.id, 1)).rejects.toThrowError(NotFoundError);
    await expect(deleteStatementReview(viewer, review.id, 1)).rejects.toThrowError(PermissionDeniedError);
    await expect(deleteStatementReview(null, review.id, 1)).rejects.toThrowError(PermissionDeniedError);
    const row = await db.statementReview.findUniqueOrThrow({ where: { id: review.id } });
    expect(row).toMatchObject({ deletedAt: null, version: 1, coderId: coder.id });
    expect(await db.auditEntry.count({ where: { entity: "StatementReview", entityId: review.id, action: "DELETE" } })).toBe(0);
  });

  it("conflicts on a stale version, and of two undos at once exactly one succeeds", async () => {
    const { coder, review } = await reviewedStatement();
    await expect(deleteStatementReview(coder, review.id, 7)).rejects.toThrowError(ConflictError);
    const results = await Promise.allSettled([deleteStatementReview(coder, review.id, 1), deleteStatementReview(coder, review.id, 1)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.auditEntry.count({ where: { entity: "StatementReview", entityId: review.id, action: "DELETE" } })).toBe(1);
  });

  it("can be restored from History by an admin, and recording no stance again revives the same row", async () => {
    const { coder, statement, review } = await reviewedStatement();
    await deleteStatementReview(coder, review.id, 1);
    const admin = acting(await createUser(db, "ADMIN"));
    const deleted = (await listDeletedRecords(admin)).find((record) => record.entityId === review.id);
    expect(deleted).toMatchObject({ entity: "StatementReview", label: "No-stance review" });
    await restoreFromAuditEntry(admin, deleted!.auditEntryId);
    expect(await db.statementReview.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ deletedAt: null, version: 3 });
    expect(await inQueue(coder, statement.id)).toBe(false);

    await deleteStatementReview(coder, review.id, 3);
    const again = await markNoStance(coder, statement.id);
    expect(again).toEqual({ id: review.id, version: 5 });
    expect(await db.statementReview.count({ where: { statementId: statement.id } })).toBe(1);
    expect(await inQueue(coder, statement.id)).toBe(false);
  });
});
