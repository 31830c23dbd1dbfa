import "server-only";
import { recordAudit } from "../audit/record-audit";
import { PermissionDeniedError, requirePermission, type ActingUser } from "../auth/permissions";
import type { StanceCodingUpdate } from "../codings/schemas";
import { getDatabase } from "../database/client";
import { ConflictError, NotFoundError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { Confidence } from "../generated/prisma/enums";
import { isoFromDate } from "../validation";

export type StanceCodingView = {
  id: string;
  version: number;
  score: number;
  isConditional: boolean;
  confidence: Confidence;
  rationale: string;
  updatedAt: string;
  coder: { id: string; name: string };
  target: { id: string; name: string };
  statement: { id: string; quote: string; saidOn: string; speakerName: string; sourceTitle: string };
};

const codingSelect = {
  id: true,
  version: true,
  score: true,
  isConditional: true,
  confidence: true,
  rationale: true,
  updatedAt: true,
  coder: { select: { id: true, name: true } },
  target: { select: { id: true, name: true } },
  statement: { select: { id: true, quote: true, saidOn: true, speaker: { select: { name: true } }, source: { select: { title: true } } } },
} as const;

type CodingRow = {
  id: string;
  version: number;
  score: number;
  isConditional: boolean;
  confidence: Confidence;
  rationale: string;
  updatedAt: Date;
  coder: { id: string; name: string };
  target: { id: string; name: string };
  statement: { id: string; quote: string; saidOn: Date; speaker: { name: string }; source: { title: string } };
};

function toView(row: CodingRow): StanceCodingView {
  return {
    id: row.id,
    version: row.version,
    score: row.score,
    isConditional: row.isConditional,
    confidence: row.confidence,
    rationale: row.rationale,
    updatedAt: row.updatedAt.toISOString(),
    coder: row.coder,
    target: row.target,
    statement: {
      id: row.statement.id,
      quote: row.statement.quote,
      saidOn: isoFromDate(row.statement.saidOn),
      speakerName: row.statement.speaker.name,
      sourceTitle: row.statement.source.title,
    },
  };
}

type Transaction = Prisma.TransactionClient;

const liveCoding = { deletedAt: null, statement: { deletedAt: null } } as const;

export async function listStanceCodingsForReview(user: ActingUser): Promise<StanceCodingView[]> {
  requirePermission(user, "read");
  const rows = await getDatabase().stanceCoding.findMany({
    where: liveCoding,
    select: codingSelect,
    orderBy: [{ saidOn: "desc" }, { statementId: "asc" }, { targetId: "asc" }],
  });
  return rows.map(toView);
}

export async function getStanceCoding(user: ActingUser, id: string): Promise<StanceCodingView> {
  requirePermission(user, "read");
  const row = await getDatabase().stanceCoding.findFirst({ where: { id, ...liveCoding }, select: codingSelect });
  if (!row) throw new NotFoundError("This coding");
  return toView(row);
}

/** A coding is one coder's judgement: only that coder may change it. */
async function requireOwnCoding(tx: Transaction, user: NonNullable<ActingUser>, coding: { coderId: string }) {
  if (coding.coderId === user.id) return;
  const coder = await tx.user.findUniqueOrThrow({ where: { id: coding.coderId }, select: { name: true } });
  throw new PermissionDeniedError("edit", true, `Only the coder can change a coding; this one is ${coder.name}'s.`);
}

// Waiting for a connection or a row lock is normal under contention.
const editTransaction = { maxWait: 20_000, timeout: 20_000 };

export async function updateStanceCoding(user: ActingUser, id: string, input: StanceCodingUpdate): Promise<StanceCodingView> {
  requirePermission(user, "edit");
  const db = getDatabase();
  return db.$transaction(async (tx) => {
    const before = await tx.stanceCoding.findFirst({ where: { id, ...liveCoding } });
    if (!before) throw new NotFoundError("This coding");
    await requireOwnCoding(tx, user!, before);
    // The version check and the write are one statement: of concurrent edits
    // from the same version, exactly one matches.
    const { count } = await tx.stanceCoding.updateMany({
      where: { id, version: input.version, deletedAt: null },
      data: {
        score: input.score,
        isConditional: input.isConditional,
        confidence: input.confidence,
        rationale: input.rationale,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const current = await tx.stanceCoding.findUniqueOrThrow({ where: { id }, select: codingSelect });
      throw new ConflictError(
        `Someone saved a newer version of this coding (version ${current.version}) after you opened version ${input.version}. Compare the two and re-apply your change.`,
        toView(current),
      );
    }
    const after = await tx.stanceCoding.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user!.id, action: "UPDATE", entity: "StanceCoding", entityId: id, before, after });
    return toView(await tx.stanceCoding.findUniqueOrThrow({ where: { id }, select: codingSelect }));
  }, editTransaction);
}

/** Soft deletion: the coding leaves every list and chart and can be restored by an admin. */
export async function deleteStanceCoding(user: ActingUser, id: string, version: number): Promise<void> {
  requirePermission(user, "edit");
  await getDatabase().$transaction(async (tx) => {
    const before = await tx.stanceCoding.findFirst({ where: { id, ...liveCoding } });
    if (!before) throw new NotFoundError("This coding");
    await requireOwnCoding(tx, user!, before);
    const { count } = await tx.stanceCoding.updateMany({
      where: { id, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.stanceCoding.findUniqueOrThrow({ where: { id }, select: codingSelect });
      throw new ConflictError(
        `This coding changed (now version ${current.version}) since you opened version ${version}; review it before deleting.`,
        toView(current),
      );
    }
    const after = await tx.stanceCoding.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user!.id, action: "DELETE", entity: "StanceCoding", entityId: id, before, after });
  }, editTransaction);
}
