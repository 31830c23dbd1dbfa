import "server-only";
import { randomUUID } from "node:crypto";
import { drawAssignments } from "../assignments/draw";
import type { AssignmentDrawInput } from "../assignments/schemas";
import { recordAudit } from "../audit/record-audit";
import { hasPermission, requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { liveStatementWhere } from "./live-records";

export type AssignmentDrawView = {
  id: string;
  sourceId: string;
  sourceTitle: string;
  coders: { id: string; name: string }[];
  share: number;
  overlap: number;
  seed: string;
  createdAt: string;
  createdByName: string;
  /** Statements assigned, counted once however many coders have them. */
  statements: number;
  /** Statements in the double-coded sample. */
  overlapStatements: number;
};

async function drawView(drawId: string): Promise<AssignmentDrawView> {
  const db = getDatabase();
  const draw = await db.assignmentDraw.findUniqueOrThrow({ where: { id: drawId }, include: { assignments: true } });
  const [source, coders, creator] = await Promise.all([
    db.source.findUniqueOrThrow({ where: { id: draw.sourceId }, select: { title: true } }),
    db.user.findMany({ where: { id: { in: draw.coderIds } }, select: { id: true, name: true } }),
    db.user.findUnique({ where: { id: draw.createdById }, select: { name: true } }),
  ]);
  const names = new Map(coders.map((coder) => [coder.id, coder.name]));
  return {
    id: draw.id,
    sourceId: draw.sourceId,
    sourceTitle: source.title,
    coders: draw.coderIds.map((id) => ({ id, name: names.get(id) ?? "a removed user" })),
    share: draw.share,
    overlap: draw.overlap,
    seed: draw.seed,
    createdAt: draw.createdAt.toISOString(),
    createdByName: creator?.name ?? "a removed user",
    statements: new Set(draw.assignments.map((row) => row.statementId)).size,
    overlapStatements: new Set(draw.assignments.filter((row) => row.isOverlap).map((row) => row.statementId)).size,
  };
}

/**
 * Draws a source's statements among coders, with a seeded double-coded
 * overlap, and stores the draw with its seed. One live draw per source:
 * assigning again is refused (409) until the current draw is withdrawn.
 */
export async function createAssignmentDraw(user: ActingUser, input: AssignmentDrawInput): Promise<AssignmentDrawView> {
  requirePermission(user, "assign");
  const db = getDatabase();
  const source = await db.source.findFirst({ where: { id: input.sourceId, deletedAt: null }, select: { id: true, title: true } });
  if (!source) throw new NotFoundError("This source");
  const coders = await db.user.findMany({
    where: { id: { in: input.coderIds } },
    select: { id: true, name: true, role: true, disabledAt: true },
  });
  const byId = new Map(coders.map((coder) => [coder.id, coder]));
  for (const id of input.coderIds) {
    const coder = byId.get(id);
    if (!coder) throw new ValidationError({ coderIds: "names someone who is not a user" });
    if (coder.disabledAt) throw new ValidationError({ coderIds: `names ${coder.name}, whose account is disabled` });
    if (!hasPermission({ id: coder.id, role: coder.role }, "edit"))
      throw new ValidationError({ coderIds: `names ${coder.name}, a viewer, who may not code; make them an analyst first` });
  }
  const statements = await db.statement.findMany({ where: { sourceId: source.id, ...liveStatementWhere }, select: { id: true } });
  if (statements.length === 0) throw new ValidationError({ sourceId: "has no statements yet; mark its statements before assigning it" });
  const seed = input.seed || randomUUID();
  const drawn = drawAssignments({
    statementIds: statements.map((row) => row.id),
    coderIds: input.coderIds,
    share: input.share,
    overlap: input.overlap,
    seed,
  });
  if (drawn.length === 0) throw new ValidationError({ share: "draws no statement from this source; choose a larger share" });
  const existingConflict = async () => {
    const existing = await db.assignmentDraw.findFirst({ where: { sourceId: source.id, deletedAt: null }, select: { id: true } });
    if (!existing) return null;
    const current = await drawView(existing.id);
    return new ConflictError(
      `“${source.title}” is already assigned (by ${current.createdByName} to ${current.coders.map((coder) => coder.name).join(", ")}). Withdraw that assignment before assigning the source again.`,
      current,
    );
  };
  let drawId: string;
  try {
    drawId = await db.$transaction(async (tx) => {
      const draw = await tx.assignmentDraw.create({
        data: { sourceId: source.id, coderIds: input.coderIds, share: input.share, overlap: input.overlap, seed, createdById: user.id },
      });
      await tx.codingAssignment.createMany({ data: drawn.map((row) => ({ ...row, drawId: draw.id })) });
      await recordAudit(tx, {
        userId: user.id,
        action: "CREATE",
        entity: "AssignmentDraw",
        entityId: draw.id,
        after: { ...draw, assignments: drawn },
      });
      return draw.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw (await existingConflict()) ?? error;
    throw error;
  }
  return drawView(drawId);
}

/**
 * Withdraws a draw: its assignments leave the queues; codings already made stay. An administrator restores it
 * from History (lib/data/history.ts), as drawn, while the source has no other live draw.
 */
export async function withdrawAssignmentDraw(user: ActingUser, drawId: string): Promise<void> {
  requirePermission(user, "assign");
  await getDatabase().$transaction(async (tx) => {
    const before = await tx.assignmentDraw.findFirst({ where: { id: drawId, deletedAt: null } });
    // A deleted source's draw is out of reach with it, so that a restore brings the source back as it was.
    const source = before && (await tx.source.findFirst({ where: { id: before.sourceId, deletedAt: null }, select: { id: true } }));
    if (!before || !source) throw new NotFoundError("This assignment");
    const after = await tx.assignmentDraw.update({ where: { id: drawId }, data: { deletedAt: new Date() } });
    await recordAudit(tx, { userId: user.id, action: "DELETE", entity: "AssignmentDraw", entityId: drawId, before, after });
  });
}

export type ProgressCounts = { assigned: number; coded: number; remaining: number };

export type AssignmentProgress = {
  coders: (ProgressCounts & { coderId: string; coderName: string })[];
  sources: (ProgressCounts & {
    draw: AssignmentDrawView;
    /** Double-coded sample: statements planned, and those both coders have done. */
    overlap: { planned: number; done: number };
  })[];
};

/**
 * Assigned, coded and remaining per coder and per source. A coder has done an
 * assigned statement when they coded it toward any target or recorded that it
 * holds no stance; statements deleted since the draw no longer count.
 */
export async function getAssignmentProgress(user: ActingUser): Promise<AssignmentProgress> {
  requirePermission(user, "read");
  const db = getDatabase();
  const allDraws = await db.assignmentDraw.findMany({
    where: { deletedAt: null },
    orderBy: { createdAt: "desc" },
    include: { assignments: { where: { statement: liveStatementWhere }, select: { statementId: true, coderId: true, isOverlap: true } } },
  });
  // A draw leaves with its source, and returns with it.
  const liveSourceIds = new Set(
    (
      await db.source.findMany({
        where: { id: { in: [...new Set(allDraws.map((draw) => draw.sourceId))] }, deletedAt: null },
        select: { id: true },
      })
    ).map((source) => source.id),
  );
  const draws = allDraws.filter((draw) => liveSourceIds.has(draw.sourceId));
  const statementIds = [...new Set(draws.flatMap((draw) => draw.assignments.map((row) => row.statementId)))];
  const [codings, reviews] = await Promise.all([
    db.stanceCoding.findMany({
      where: { statementId: { in: statementIds }, deletedAt: null },
      select: { statementId: true, coderId: true },
      distinct: ["statementId", "coderId"],
    }),
    // An undone "no stance" (soft-deleted review) no longer counts as done.
    db.statementReview.findMany({
      where: { statementId: { in: statementIds }, deletedAt: null },
      select: { statementId: true, coderId: true },
    }),
  ]);
  const done = new Set([...codings, ...reviews].map((row) => `${row.statementId}:${row.coderId}`));
  const isDone = (row: { statementId: string; coderId: string }) => done.has(`${row.statementId}:${row.coderId}`);
  const perCoder = new Map<string, ProgressCounts>();
  const sources: AssignmentProgress["sources"] = [];
  for (const draw of draws) {
    let coded = 0;
    const overlapCoders = new Map<string, boolean[]>();
    for (const row of draw.assignments) {
      const finished = isDone(row);
      if (finished) coded++;
      const counts = perCoder.get(row.coderId) ?? { assigned: 0, coded: 0, remaining: 0 };
      counts.assigned++;
      if (finished) counts.coded++;
      else counts.remaining++;
      perCoder.set(row.coderId, counts);
      if (row.isOverlap) overlapCoders.set(row.statementId, [...(overlapCoders.get(row.statementId) ?? []), finished]);
    }
    sources.push({
      draw: await drawView(draw.id),
      assigned: draw.assignments.length,
      coded,
      remaining: draw.assignments.length - coded,
      overlap: { planned: overlapCoders.size, done: [...overlapCoders.values()].filter((states) => states.every(Boolean)).length },
    });
  }
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: [...perCoder.keys()] } }, select: { id: true, name: true } })).map((row) => [
      row.id,
      row.name,
    ]),
  );
  return {
    coders: [...perCoder.entries()]
      .map(([coderId, counts]) => ({ coderId, coderName: names.get(coderId) ?? "a removed user", ...counts }))
      .sort((a, b) => a.coderName.localeCompare(b.coderName)),
    sources,
  };
}

/** For the assignment form: live sources with statements, and the users who may code. */
export async function listAssignmentChoices(user: ActingUser) {
  requirePermission(user, "assign");
  const db = getDatabase();
  const [sources, coders] = await Promise.all([
    db.source.findMany({
      where: { deletedAt: null, statements: { some: { deletedAt: null } } },
      select: { id: true, title: true, _count: { select: { statements: { where: { deletedAt: null } } } } },
      orderBy: { publishedOn: "desc" },
      take: 500,
    }),
    db.user.findMany({ where: { disabledAt: null }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    sources: sources.map((source) => ({ id: source.id, title: source.title, statements: source._count.statements })),
    coders: coders.filter((coder) => hasPermission(coder, "edit")).map((coder) => ({ id: coder.id, name: coder.name })),
  };
}
