import "server-only";
import { recordAudit } from "../audit/record-audit";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { codebookContentSchema, type CodebookContent, type CodebookPublication } from "../codebook/schemas";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { liveStatementWhere } from "./live-records";

export type CodebookVersionView = {
  number: number;
  publishedAt: string;
  publishedByName: string | null;
  content: CodebookContent;
  /** Where each worked example's statement is read (its source), by statement id; absent once the statement is deleted. */
  exampleSources: Record<string, string>;
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
  const content = codebookContentSchema.parse(row.content);
  return {
    version: {
      number: row.number,
      publishedAt: row.publishedAt.toISOString(),
      publishedByName: publisher?.name ?? null,
      content,
      exampleSources: await exampleSourcesOf(content),
    },
    versions: versions.map((version) => ({ number: version.number, publishedAt: version.publishedAt.toISOString() })),
    latestNumber: versions[0]!.number,
  };
}

/**
 * Prisma passes startsWith to LIKE without escaping its wildcards, so "%%%%"
 * would match every quote: escape them (and the escape character) to match literally.
 */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

async function exampleSourcesOf(content: CodebookContent): Promise<Record<string, string>> {
  const statements = await getDatabase().statement.findMany({
    where: { id: { in: content.examples.map((example) => example.statementId) }, ...liveStatementWhere },
    select: { id: true, sourceId: true },
  });
  return Object.fromEntries(statements.map((statement) => [statement.id, statement.sourceId]));
}

/**
 * Publishes the next codebook version. Worked examples must name live
 * statements; their quote and speaker are copied so the version reads the same
 * later. A version published since the editor started is a conflict (409).
 */
export async function publishCodebookVersion(user: ActingUser, input: CodebookPublication): Promise<CodebookVersionView> {
  requirePermission(user, "publish-codebook");
  const db = getDatabase();
  const select = { id: true, quote: true, speaker: { select: { name: true } } } as const;
  const fieldErrors: Record<string, string> = {};
  const resolved = [];
  for (const [index, example] of input.examples.entries()) {
    const byId = await db.statement.findFirst({ where: { id: example.statement, ...liveStatementWhere }, select });
    // Not an id: the start of a quote, which must name exactly one statement.
    const byQuote = byId
      ? [byId]
      : example.statement.length >= 10
        ? await db.statement.findMany({
            where: { quote: { startsWith: escapeLikePattern(example.statement) }, ...liveStatementWhere },
            select,
            take: 2,
          })
        : [];
    if (byQuote.length === 1) resolved.push({ statement: byQuote[0]!, example });
    else
      fieldErrors[`examples.${index}.statement`] =
        byQuote.length === 0
          ? `(line ${index + 1}) names no statement: give a statement's id or at least 10 characters of the start of its quote`
          : `(line ${index + 1}) matches several statements: give more of the quote`;
  }
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
  const content: CodebookContent = {
    summary: input.summary,
    scaleMeanings: input.scaleMeanings,
    conditionalRule: input.conditionalRule,
    sarcasmRule: input.sarcasmRule,
    examples: resolved.map(({ statement, example }) => ({
      statementId: statement.id,
      quote: statement.quote,
      speakerName: statement.speaker.name,
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
      const created = await tx.codebookVersion.create({ data: { number: latest + 1, content, publishedById: user.id } });
      await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "CodebookVersion", entityId: created.id, after: created });
      return created;
    });
    const publisher = await db.user.findUnique({ where: { id: user.id }, select: { name: true } });
    return {
      number: row.number,
      publishedAt: row.publishedAt.toISOString(),
      publishedByName: publisher?.name ?? null,
      content,
      exampleSources: await exampleSourcesOf(content),
    };
  } catch (error) {
    // Two admins publishing from the same version at once: the unique number lets exactly one through.
    if (isUniqueViolation(error)) throw await conflict();
    throw error;
  }
}
