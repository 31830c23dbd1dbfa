import "server-only";
import { recordAudit } from "../audit/record-audit";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { codebookContentSchema, type CodebookContent, type CodebookPublication } from "../codebook/schemas";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";

export type CodebookVersionView = {
  number: number;
  publishedAt: string;
  publishedByName: string | null;
  content: CodebookContent;
};

export type Codebook = {
  /** The version asked for, or the one in force; null before the first is published. */
  version: CodebookVersionView | null;
  /** Every published version, newest first: older versions stay readable. */
  versions: { number: number; publishedAt: string }[];
  latestNumber: number | null;
};

type Transaction = Prisma.TransactionClient;

/** The number of the codebook version in force, recorded on each new coding; null before the first. */
export async function codebookVersionInForce(tx: Transaction): Promise<number | null> {
  const latest = await tx.codebookVersion.findFirst({ orderBy: { number: "desc" }, select: { number: true } });
  return latest?.number ?? null;
}

export async function getCodebook(user: ActingUser, number?: number): Promise<Codebook> {
  requirePermission(user, "read");
  const db = getDatabase();
  const versions = await db.codebookVersion.findMany({ orderBy: { number: "desc" }, select: { number: true, publishedAt: true } });
  const wanted = number ?? versions[0]?.number;
  if (wanted === undefined) return { version: null, versions: [], latestNumber: null };
  const row = await db.codebookVersion.findUnique({ where: { number: wanted } });
  if (!row) throw new NotFoundError(`Codebook version ${wanted}`);
  const publisher = row.publishedById ? await db.user.findUnique({ where: { id: row.publishedById }, select: { name: true } }) : null;
  return {
    version: {
      number: row.number,
      publishedAt: row.publishedAt.toISOString(),
      publishedByName: publisher?.name ?? null,
      content: codebookContentSchema.parse(row.content),
    },
    versions: versions.map((version) => ({ number: version.number, publishedAt: version.publishedAt.toISOString() })),
    latestNumber: versions[0]!.number,
  };
}

/**
 * Publishes the next codebook version. Worked examples must name live
 * statements; their quote and speaker are copied so the version reads the same
 * later. A version published since the editor started is a conflict (409).
 */
export async function publishCodebookVersion(user: ActingUser, input: CodebookPublication): Promise<CodebookVersionView> {
  requirePermission(user, "publish-codebook");
  const db = getDatabase();
  const statements = await db.statement.findMany({
    where: { id: { in: input.examples.map((example) => example.statementId) }, deletedAt: null, source: { deletedAt: null } },
    select: { id: true, quote: true, speaker: { select: { name: true } } },
  });
  const byId = new Map(statements.map((statement) => [statement.id, statement]));
  const fieldErrors: Record<string, string> = {};
  input.examples.forEach((example, index) => {
    if (!byId.has(example.statementId))
      fieldErrors[`examples.${index}.statementId`] =
        `names no statement (“${example.statementId.slice(0, 40)}”); copy the id from the statement's page`;
  });
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
  const content: CodebookContent = {
    summary: input.summary,
    scaleMeanings: input.scaleMeanings,
    conditionalRule: input.conditionalRule,
    sarcasmRule: input.sarcasmRule,
    examples: input.examples.map((example) => ({
      statementId: example.statementId,
      quote: byId.get(example.statementId)!.quote,
      speakerName: byId.get(example.statementId)!.speaker.name,
      score: example.score,
      explanation: example.explanation,
    })),
  };
  const conflict = async () => {
    const current = await getCodebook(user);
    return new ConflictError(
      `Codebook version ${current.latestNumber} was published after you started from ${input.basedOn === 0 ? "no codebook" : `version ${input.basedOn}`}. Read it and re-apply your changes.`,
      current.version,
    );
  };
  try {
    const row = await db.$transaction(async (tx) => {
      const latest = (await codebookVersionInForce(tx)) ?? 0;
      if (latest !== input.basedOn) throw await conflict();
      const created = await tx.codebookVersion.create({ data: { number: latest + 1, content, publishedById: user!.id } });
      await recordAudit(tx, { userId: user!.id, action: "CREATE", entity: "CodebookVersion", entityId: created.id, after: created });
      return created;
    });
    const publisher = await db.user.findUnique({ where: { id: user!.id }, select: { name: true } });
    return { number: row.number, publishedAt: row.publishedAt.toISOString(), publishedByName: publisher?.name ?? null, content };
  } catch (error) {
    // Two admins publishing from the same version at once: the unique number lets exactly one through.
    if (isUniqueViolation(error)) throw await conflict();
    throw error;
  }
}
