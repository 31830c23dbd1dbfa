import { afterAll, describe, expect, it } from "vitest";
import { drawAssignments } from "@/lib/assignments/draw";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { createPrismaClient } from "@/lib/database/prisma";
import { createAssignmentDraw, getAssignmentProgress, withdrawAssignmentDraw } from "@/lib/data/assignments";
import { createStanceCoding as codeStatement, listCodingQueue, markNoStance } from "@/lib/data/codings";
import { listDeletedRecords, restoreFromAuditEntry } from "@/lib/data/history";
import { ConflictError, ValidationError } from "@/lib/errors";
import { createActor, createSource, createStatement, createUser, todayIso } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

type Role = "VIEWER" | "ANALYST" | "ADMIN";
const acting = (user: { id: string; role: Role }) => ({ id: user.id, role: user.role, isAdjudicator: false });

/** A source of `count` statements by one speaker, each quoting its own sentence. */
async function sourceWithStatements(count: number) {
  const sentences = Array.from(
    { length: count },
    (_, index) => `Sentence number ${index} of ${Math.random().toString(36).slice(2)} says calm.`,
  );
  const source = await createSource(db, sentences.join(" "), { publishedOn: todayIso() });
  const speaker = await createActor(db);
  const statements = [];
  for (const quote of sentences) statements.push(await createStatement(db, { source, speakerId: speaker.id, quote }));
  return { source, speaker, statements };
}

async function team() {
  const admin = acting(await createUser(db, "ADMIN"));
  const first = acting(await createUser(db, "ANALYST"));
  const second = acting(await createUser(db, "ANALYST"));
  return { admin, first, second };
}

describe("assignment and overlap", () => {
  it("stores the draw with its seed, double-codes the planned share, and re-derives the same draw from the seed", async () => {
    const { admin, first, second } = await team();
    const { source, statements } = await sourceWithStatements(20);
    const draw = await createAssignmentDraw(admin, {
      sourceId: source.id,
      coderIds: [first.id, second.id],
      share: 1,
      overlap: 0.2,
      seed: "planned-sample",
    });
    expect(draw).toMatchObject({ statements: 20, overlapStatements: 4, seed: "planned-sample", share: 1, overlap: 0.2 });
    const stored = await db.codingAssignment.findMany({
      where: { drawId: draw.id },
      select: { statementId: true, coderId: true, isOverlap: true },
    });
    expect(stored).toHaveLength(24);
    const rederived = drawAssignments({
      statementIds: statements.map((row) => row.id),
      coderIds: [first.id, second.id],
      share: 1,
      overlap: 0.2,
      seed: "planned-sample",
    });
    const key = (row: { statementId: string; coderId: string; isOverlap: boolean }) => `${row.statementId}:${row.coderId}:${row.isOverlap}`;
    expect(stored.map(key).sort()).toEqual(rederived.map(key).sort());
    const audit = await db.auditEntry.findFirst({ where: { entity: "AssignmentDraw", entityId: draw.id } });
    expect(audit).toMatchObject({ action: "CREATE", userId: admin.id });
  });

  it("draws a seed when none is given, and assigns a share of the statements", async () => {
    const { admin, first } = await team();
    const { source } = await sourceWithStatements(10);
    const draw = await createAssignmentDraw(admin, { sourceId: source.id, coderIds: [first.id], share: 0.5, overlap: 0 });
    expect(draw.seed).toMatch(/^[0-9a-f-]{36}$/);
    expect(draw.statements).toBe(5);
  });

  it("puts assigned statements first in the coder's queue, marked, and only the coder's own", async () => {
    const { admin, first, second } = await team();
    const { source, statements } = await sourceWithStatements(6);
    const draw = await createAssignmentDraw(admin, {
      sourceId: source.id,
      coderIds: [first.id, second.id],
      share: 1,
      overlap: 0,
      seed: "queue",
    });
    const mine = new Set(
      (await db.codingAssignment.findMany({ where: { drawId: draw.id, coderId: first.id } })).map((row) => row.statementId),
    );
    expect(mine.size).toBe(3);
    const queue = await listCodingQueue(first);
    const assignedItems = queue.items.filter((item) => item.assigned);
    expect(new Set(assignedItems.map((item) => item.statementId))).toEqual(mine);
    // Assigned work is a prefix of the queue; the source's other statements are still there, later.
    expect(queue.items.slice(0, assignedItems.length).every((item) => item.assigned)).toBe(true);
    const later = queue.items.slice(assignedItems.length).map((item) => item.statementId);
    for (const statement of statements.filter((row) => !mine.has(row.id))) expect(later).toContain(statement.id);
    // A withdrawn draw no longer orders the queue.
    await withdrawAssignmentDraw(admin, draw.id);
    expect((await listCodingQueue(first)).items.filter((item) => item.assigned && mine.has(item.statementId))).toEqual([]);
  });

  it("counts assigned, coded and remaining per coder and per source, and the double-coded sample done", async () => {
    const { admin, first, second } = await team();
    const { source } = await sourceWithStatements(10);
    const target = await createActor(db);
    const draw = await createAssignmentDraw(admin, {
      sourceId: source.id,
      coderIds: [first.id, second.id],
      share: 1,
      overlap: 0.2,
      seed: "progress",
    });
    const rows = await db.codingAssignment.findMany({ where: { drawId: draw.id } });
    const overlapStatement = rows.find((row) => row.isOverlap)!.statementId;
    const firstSingles = rows.filter((row) => row.coderId === first.id && !row.isOverlap).map((row) => row.statementId);
    // First coder: the overlap statement (coded) and two single ones (one coded, one "no stance").
    await codeStatement(first, {
      statementId: overlapStatement,
      targetId: target.id,
      score: 1,
      isConditional: false,
      confidence: "MEDIUM",
      rationale: "r",
    });
    await codeStatement(first, {
      statementId: firstSingles[0]!,
      targetId: target.id,
      score: -1,
      isConditional: false,
      confidence: "MEDIUM",
      rationale: "r",
    });
    await markNoStance(first, firstSingles[1]!);
    let progress = await getAssignmentProgress(acting(await createUser(db, "VIEWER")));
    const firstAssigned = rows.filter((row) => row.coderId === first.id).length;
    expect(progress.coders.find((row) => row.coderId === first.id)).toMatchObject({
      assigned: firstAssigned,
      coded: 3,
      remaining: firstAssigned - 3,
    });
    expect(progress.coders.find((row) => row.coderId === second.id)).toMatchObject({ coded: 0 });
    let ofSource = progress.sources.find((row) => row.draw.id === draw.id)!;
    expect(ofSource).toMatchObject({ assigned: 12, coded: 3, remaining: 9, overlap: { planned: 2, done: 0 } });
    await codeStatement(second, {
      statementId: overlapStatement,
      targetId: target.id,
      score: 2,
      isConditional: false,
      confidence: "MEDIUM",
      rationale: "r",
    });
    progress = await getAssignmentProgress(first);
    ofSource = progress.sources.find((row) => row.draw.id === draw.id)!;
    expect(ofSource).toMatchObject({ coded: 4, remaining: 8, overlap: { planned: 2, done: 1 } });
  });

  it("refuses to assign someone who may not code: a viewer, a disabled account, an unknown id", async () => {
    const { admin, first } = await team();
    const viewer = await createUser(db, "VIEWER");
    const disabled = await db.user.update({ where: { id: (await createUser(db, "ANALYST")).id }, data: { disabledAt: new Date() } });
    const { source } = await sourceWithStatements(3);
    for (const coderId of [viewer.id, disabled.id, "no-such-user"]) {
      const attempt = createAssignmentDraw(admin, { sourceId: source.id, coderIds: [first.id, coderId], share: 1, overlap: 0.5 });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ fieldErrors: { coderIds: expect.any(String) } });
    }
    await expect(createAssignmentDraw(admin, { sourceId: source.id, coderIds: [viewer.id], share: 1, overlap: 0 })).rejects.toThrow(
      /viewer, who may not code/,
    );
    expect(await db.assignmentDraw.count({ where: { sourceId: source.id } })).toBe(0);
  });

  it("lets only admins assign or withdraw", async () => {
    const { admin, first } = await team();
    const { source } = await sourceWithStatements(2);
    const input = { sourceId: source.id, coderIds: [first.id], share: 1, overlap: 0 };
    await expect(createAssignmentDraw(first, input)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(createAssignmentDraw(acting(await createUser(db, "VIEWER")), input)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(createAssignmentDraw(null, input)).rejects.toMatchObject({ status: 401 });
    const draw = await createAssignmentDraw(admin, input);
    await expect(withdrawAssignmentDraw(first, draw.id)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(getAssignmentProgress(null)).rejects.toMatchObject({ status: 401 });
  });

  it("refuses re-assigning a source visibly (409 naming the current assignment), also when two admins assign at once", async () => {
    const { admin, first, second } = await team();
    const { source } = await sourceWithStatements(4);
    const input = { sourceId: source.id, coderIds: [first.id, second.id], share: 1, overlap: 0.5 };
    const results = await Promise.allSettled([
      createAssignmentDraw(admin, input),
      createAssignmentDraw(admin, { ...input, seed: "other" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(refused.reason.message).toMatch(/already assigned .*Withdraw/);
    await expect(createAssignmentDraw(admin, input)).rejects.toBeInstanceOf(ConflictError);
    expect(await db.assignmentDraw.count({ where: { sourceId: source.id } })).toBe(1);
    // After withdrawing, the source can be assigned again.
    const current = await db.assignmentDraw.findFirstOrThrow({ where: { sourceId: source.id } });
    await withdrawAssignmentDraw(admin, current.id);
    await expect(createAssignmentDraw(admin, input)).resolves.toMatchObject({ statements: 4 });
  });

  it("brings a withdrawn draw back from History as it was drawn, unless the source was assigned again or deleted since", async () => {
    const { admin, first, second } = await team();
    const { source } = await sourceWithStatements(6);
    const input = { sourceId: source.id, coderIds: [first.id, second.id], share: 1, overlap: 0.5 };
    const drawn = await createAssignmentDraw(admin, input);
    const assignments = () =>
      db.codingAssignment.findMany({ where: { drawId: drawn.id }, orderBy: [{ statementId: "asc" }, { coderId: "asc" }] });
    const asDrawn = await assignments();
    const queued = async () => (await listCodingQueue(first)).items.filter((item) => item.assigned && item.source.id === source.id).length;
    const queuedWhenDrawn = await queued();
    expect(queuedWhenDrawn).toBeGreaterThan(0);
    await withdrawAssignmentDraw(admin, drawn.id);
    expect(await queued()).toBe(0);
    const withdrawal = await db.auditEntry.findFirstOrThrow({ where: { entity: "AssignmentDraw", entityId: drawn.id, action: "DELETE" } });
    expect((await listDeletedRecords(admin)).find((record) => record.entityId === drawn.id)).toMatchObject({
      label: expect.stringMatching(/^Assignment draw for 2 coders \(seed /),
      auditEntryId: withdrawal.id.toString(),
    });
    // Only an administrator restores.
    await expect(restoreFromAuditEntry(first, withdrawal.id.toString())).rejects.toBeInstanceOf(PermissionDeniedError);

    // Assigned again meanwhile: the old draw waits until the new one is withdrawn.
    const redrawn = await createAssignmentDraw(admin, { ...input, seed: "another" });
    await expect(restoreFromAuditEntry(admin, withdrawal.id.toString())).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/another live assignment draw/),
    });
    expect((await db.assignmentDraw.findUniqueOrThrow({ where: { id: drawn.id } })).deletedAt).not.toBeNull();
    await withdrawAssignmentDraw(admin, redrawn.id);

    // A deleted source's draw stays withdrawn until the source is back.
    await db.source.update({ where: { id: source.id }, data: { deletedAt: new Date() } });
    await expect(restoreFromAuditEntry(admin, withdrawal.id.toString())).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/source .* is deleted; restore the source first/),
    });
    await db.source.update({ where: { id: source.id }, data: { deletedAt: null } });

    await restoreFromAuditEntry(admin, withdrawal.id.toString());
    expect((await db.assignmentDraw.findUniqueOrThrow({ where: { id: drawn.id } })).deletedAt).toBeNull();
    expect(await assignments()).toEqual(asDrawn);
    expect(await queued()).toBe(queuedWhenDrawn);
    const restore = await db.auditEntry.findFirstOrThrow({ where: { entity: "AssignmentDraw", entityId: drawn.id, action: "RESTORE" } });
    expect(restore.userId).toBe(admin.id);
  });

  it("refuses a source with no statements, and a share that draws nothing", async () => {
    const { admin, first } = await team();
    const empty = await createSource(db);
    await expect(createAssignmentDraw(admin, { sourceId: empty.id, coderIds: [first.id], share: 1, overlap: 0 })).rejects.toMatchObject({
      fieldErrors: { sourceId: expect.stringMatching(/no statements/) },
    });
    const { source } = await sourceWithStatements(2);
    await expect(createAssignmentDraw(admin, { sourceId: source.id, coderIds: [first.id], share: 0.1, overlap: 0 })).rejects.toMatchObject({
      fieldErrors: { share: expect.any(String) },
    });
  });
});
