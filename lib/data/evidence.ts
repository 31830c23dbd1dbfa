import "server-only";
import { recordAudit } from "../audit/record-audit";
import { hasPermission, requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { scoreEvidenceDiagnosticity, scoreHypotheses, type AchMatrix, type ConsistencyRating } from "../scenarios/ach";
import type { EvidenceAssessmentInput, EvidenceCreation, EvidenceUpdate } from "../scenarios/schemas";
import type { EventOption, EvidenceMatrixView, EvidenceRow, EvidenceStanceChange, StatementOption } from "../scenarios/types";
import { isoFromDate } from "../validation";
import { summariseStance, type StanceSnapshot } from "../scenarios/stance-snapshot";
import { statementsSeenWholeWhere, visibleCodingsWhere } from "./coding-visibility";
import { liveEvidenceWhere, liveStatementWhere, shareLockStatementAndSource } from "./live-records";

type Transaction = Prisma.TransactionClient;

/**
 * `visibility` is visibleCodingsWhere(user) for what a user is shown, or
 * everything ({}) for the team's snapshot that re-codings are compared with.
 */
async function readStanceSnapshots(
  visibility: Prisma.StanceCodingWhereInput,
  statementIds: string[],
  db: Transaction | ReturnType<typeof getDatabase> = getDatabase(),
) {
  if (!statementIds.length) return new Map<string, StanceSnapshot>();
  const [codings, adjudications] = await Promise.all([
    db.stanceCoding.findMany({
      where: { statementId: { in: statementIds }, deletedAt: null, ...visibility },
      select: { statementId: true, targetId: true, score: true, target: { select: { name: true } } },
    }),
    db.adjudication.findMany({
      where: { statementId: { in: statementIds }, deletedAt: null },
      select: { statementId: true, targetId: true, score: true },
    }),
  ]);
  return summariseStance(
    codings.map((coding) => ({ ...coding, targetName: coding.target.name })),
    adjudications,
  );
}

function compareSnapshots(before: StanceSnapshot | null, after: StanceSnapshot): EvidenceStanceChange[] {
  if (!before) return [];
  const changes: EvidenceStanceChange[] = [];
  for (const targetId of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[targetId]?.score ?? null;
    const now = after[targetId]?.score ?? null;
    if (was !== now) changes.push({ targetName: after[targetId]?.targetName ?? before[targetId]!.targetName, before: was, after: now });
  }
  return changes.sort((a, b) => a.targetName.localeCompare(b.targetName));
}

export async function listStatementOptions(): Promise<StatementOption[]> {
  const statements = await getDatabase().statement.findMany({
    where: { deletedAt: null, source: { deletedAt: null }, codings: { some: { deletedAt: null } } },
    select: { id: true, quote: true, saidOn: true, sourceId: true, speaker: { select: { name: true } } },
    orderBy: [{ saidOn: "desc" }, { id: "asc" }],
    // The pickers list the most recent coded statements; older ones are reached through their source.
    take: 300,
  });
  return statements.map((statement) => ({
    id: statement.id,
    quote: statement.quote,
    speakerName: statement.speaker.name,
    saidOn: isoFromDate(statement.saidOn),
    sourceId: statement.sourceId,
  }));
}

export async function listEventOptions(): Promise<EventOption[]> {
  const events = await getDatabase().event.findMany({
    where: { deletedAt: null },
    select: { id: true, title: true, occurredOn: true },
    orderBy: [{ occurredOn: "desc" }, { title: "asc" }],
  });
  return events.map((event) => ({ ...event, occurredOn: isoFromDate(event.occurredOn) }));
}

/**
 * A scenario set's evidence matrix (Analysis of Competing Hypotheses): each
 * row's ratings against each scenario, each scenario's weighted
 * inconsistency, each row's diagnosticity, and re-codings since review.
 */
export async function getEvidenceMatrix(user: ActingUser, setSlug: string): Promise<EvidenceMatrixView> {
  requirePermission(user, "read");
  const [matrix, statementOptions, eventOptions] = await Promise.all([
    readEvidenceMatrix(user, setSlug),
    listStatementOptions(),
    listEventOptions(),
  ]);
  return { ...matrix, statementOptions, eventOptions, canEdit: hasPermission(user, "edit") };
}

type EvidenceMatrixCore = Omit<EvidenceMatrixView, "statementOptions" | "eventOptions" | "canEdit">;

async function readEvidenceMatrix(user: NonNullable<ActingUser>, setSlug: string): Promise<EvidenceMatrixCore> {
  const db = getDatabase();
  const set = await db.scenarioSet.findFirst({
    where: { slug: setSlug, deletedAt: null },
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      scenarios: { where: { deletedAt: null }, select: { id: true, slug: true, title: true, status: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!set) throw new NotFoundError("This scenario set");
  const evidence = await db.evidence.findMany({
    // A row on a statement leaves with the statement or its source, as the statement leaves every other list.
    where: { setId: set.id, ...liveEvidenceWhere },
    include: {
      statement: { select: { id: true, quote: true, saidOn: true, sourceId: true, speaker: { select: { name: true } } } },
      event: { select: { id: true, title: true, occurredOn: true, description: true, deletedAt: true } },
      assessments: { select: { scenarioId: true, rating: true, version: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const live = evidence.filter((row) => !row.event?.deletedAt);
  const statementIds = live.flatMap((row) => (row.statementId ? [row.statementId] : []));
  const visibility = visibleCodingsWhere(user);
  const seenWhole = statementsSeenWholeWhere(user);
  const [snapshots, teamSnapshots, statementsSeen] = await Promise.all([
    readStanceSnapshots(visibility, statementIds),
    readStanceSnapshots({}, statementIds),
    seenWhole
      ? db.statement.findMany({ where: { AND: [{ id: { in: statementIds } }, seenWhole] }, select: { id: true } })
      : statementIds.map((id) => ({ id })),
  ]);
  const seenWholeIds = new Set(statementsSeen.map((statement) => statement.id));
  // A blind coder learns that a row's statement was re-coded, but neither toward whom nor by how much: the change is
  // read off when its codings and settled scores last changed, not off their means, which would also tell them
  // whether a new coding agreed with the others. Those who see the codings are told of a change that moved no mean
  // too, so that they can mark the row reviewed: nobody else could take that notice off the blind coders' matrix.
  const lastChanged = new Map<string, Date>();
  if (statementIds.length > 0) {
    const [codings, adjudications] = await Promise.all([
      db.stanceCoding.groupBy({ by: ["statementId"], where: { statementId: { in: statementIds } }, _max: { updatedAt: true } }),
      db.adjudication.groupBy({ by: ["statementId"], where: { statementId: { in: statementIds } }, _max: { updatedAt: true } }),
    ]);
    for (const group of [...codings, ...adjudications]) {
      const at = group._max.updatedAt;
      const known = lastChanged.get(group.statementId);
      if (at && (!known || at > known)) lastChanged.set(group.statementId, at);
    }
  }

  const matrix: AchMatrix = {
    hypotheses: set.scenarios.map((scenario) => ({ id: scenario.id })),
    evidence: live.map((row) => ({ id: row.id, credibility: row.credibility })),
    ratings: live.flatMap((row) =>
      row.assessments
        .filter((assessment) => set.scenarios.some((scenario) => scenario.id === assessment.scenarioId))
        .map((assessment) => ({ evidenceId: row.id, hypothesisId: assessment.scenarioId, rating: assessment.rating })),
    ),
  };
  const hypothesisScores = new Map(scoreHypotheses(matrix).map((score) => [score.hypothesisId, score]));
  const diagnosticity = new Map(scoreEvidenceDiagnosticity(matrix).map((score) => [score.evidenceId, score]));

  const rows: EvidenceRow[] = live.map((row) => {
    const current = row.statementId ? (snapshots.get(row.statementId) ?? {}) : {};
    const ratings: Record<string, ConsistencyRating | null> = {};
    const versions: Record<string, number> = {};
    for (const scenario of set.scenarios) {
      const assessment = row.assessments.find((candidate) => candidate.scenarioId === scenario.id);
      ratings[scenario.id] = assessment?.rating ?? null;
      if (assessment) versions[scenario.id] = assessment.version;
    }
    const score = diagnosticity.get(row.id)!;
    const seen = row.statementId !== null && seenWholeIds.has(row.statementId);
    const changedSinceReview = row.statementId !== null && (lastChanged.get(row.statementId)?.getTime() ?? 0) > row.reviewedAt.getTime();
    const recoded = seen ? compareSnapshots(row.codingSnapshot as StanceSnapshot | null, teamSnapshots.get(row.statementId!) ?? {}) : [];
    return {
      id: row.id,
      kind: row.statement ? "statement" : "event",
      statement: row.statement
        ? {
            id: row.statement.id,
            quote: row.statement.quote,
            speakerName: row.statement.speaker.name,
            saidOn: isoFromDate(row.statement.saidOn),
            sourceId: row.statement.sourceId,
            stance: Object.values(current).sort((a, b) => a.targetName.localeCompare(b.targetName)),
          }
        : null,
      event: row.event
        ? { id: row.event.id, title: row.event.title, occurredOn: isoFromDate(row.event.occurredOn), description: row.event.description }
        : null,
      date: row.statement ? isoFromDate(row.statement.saidOn) : row.event ? isoFromDate(row.event.occurredOn) : "",
      credibility: row.credibility,
      note: row.note,
      ratings,
      ratingVersions: versions,
      diagnosticity: score.diagnosticity,
      diagnosticityLabel: score.label,
      recoded,
      recodedOutOfSight: row.statementId !== null && !seen && changedSinceReview,
      changedWithoutStanceChange: seen && recoded.length === 0 && changedSinceReview,
      version: row.version,
    };
  });

  return {
    set: { id: set.id, slug: set.slug, title: set.title, description: set.description },
    scenarios: set.scenarios.map((scenario) => {
      const score = hypothesisScores.get(scenario.id)!;
      return {
        ...scenario,
        inconsistency: score.inconsistency,
        weightedInconsistency: score.weightedInconsistency,
        ratedEvidenceCount: score.ratedEvidenceCount,
      };
    }),
    rows,
  };
}

/** Adds a statement or an event as a row of a set's evidence matrix. */
export async function addEvidence(user: ActingUser, input: EvidenceCreation): Promise<{ id: string }> {
  requirePermission(user, "edit");
  const db = getDatabase();
  const set = await db.scenarioSet.findFirst({ where: { id: input.setId, deletedAt: null }, select: { id: true } });
  if (!set) throw new NotFoundError("This scenario set");
  if (input.statementId) {
    const statement = await db.statement.findFirst({ where: { id: input.statementId, ...liveStatementWhere }, select: { id: true } });
    if (!statement) throw new ValidationError({ statementId: "names no statement (it may have been deleted)" });
  }
  if (input.eventId) {
    const event = await db.event.findFirst({ where: { id: input.eventId, deletedAt: null }, select: { id: true } });
    if (!event) throw new ValidationError({ eventId: "names no event (it may have been deleted)" });
  }
  try {
    return await db.$transaction(async (tx) => {
      // Checked again under lock: a statement or source deleted since the check above refuses the row.
      const live = input.statementId ? await shareLockStatementAndSource(tx, input.statementId) : null;
      if (live && (live.statementDeleted || live.sourceDeleted))
        throw new ValidationError({ statementId: "names no statement (it may have been deleted)" });
      const snapshot = input.statementId ? ((await readStanceSnapshots({}, [input.statementId], tx)).get(input.statementId) ?? {}) : null;
      const row = await tx.evidence.create({
        data: {
          setId: set.id,
          statementId: input.statementId,
          eventId: input.eventId,
          credibility: input.credibility,
          note: input.note,
          codingSnapshot: snapshot ?? undefined,
          createdById: user.id,
        },
      });
      await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "Evidence", entityId: row.id, after: row });
      return { id: row.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("This evidence is already a row of the matrix.", null);
    throw error;
  }
}

async function lockEvidence(tx: Transaction, id: string, version: number) {
  const before = await tx.evidence.findFirst({ where: { id, ...liveEvidenceWhere } });
  if (!before) throw new NotFoundError("This evidence row");
  if (before.version !== version) {
    throw new ConflictError(
      `Someone changed this evidence row (now version ${before.version}) after you opened version ${version}. Reload to see their change.`,
      { version: before.version, credibility: before.credibility, note: before.note },
    );
  }
  return before;
}

/** Changes a row's credibility or note, or marks a re-coded statement's row as reviewed. */
export async function updateEvidence(user: ActingUser, id: string, input: EvidenceUpdate): Promise<void> {
  requirePermission(user, "edit");
  await getDatabase().$transaction(async (tx) => {
    const before = await lockEvidence(tx, id, input.version);
    // Marking reviewed takes the row's change off everyone's matrix: not for a coder to whom blind coding hides it.
    const seenWhole = statementsSeenWholeWhere(user);
    if (
      input.markReviewed &&
      before.statementId &&
      seenWhole &&
      (await tx.statement.count({ where: { AND: [{ id: before.statementId }, seenWhole] } })) === 0
    )
      throw new DomainError(
        403,
        "Blind coding hides what changed in this statement's codings from you, so you cannot mark it reviewed for the team: code the statement first, or ask an adjudicator.",
      );
    const snapshot =
      input.markReviewed && before.statementId
        ? ((await readStanceSnapshots({}, [before.statementId], tx)).get(before.statementId) ?? {})
        : undefined;
    const { count } = await tx.evidence.updateMany({
      where: { id, version: input.version, deletedAt: null },
      data: {
        credibility: input.credibility,
        note: input.note,
        ...(input.markReviewed ? { reviewedAt: new Date(), codingSnapshot: snapshot } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) await lockEvidence(tx, id, input.version);
    const after = await tx.evidence.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user.id, action: "UPDATE", entity: "Evidence", entityId: id, before, after });
  });
}

/** Soft deletion: the row and its ratings leave the matrix and can be restored from History. */
export async function deleteEvidence(user: ActingUser, id: string, version: number): Promise<void> {
  requirePermission(user, "edit");
  await getDatabase().$transaction(async (tx) => {
    const before = await lockEvidence(tx, id, version);
    const { count } = await tx.evidence.updateMany({
      where: { id, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) await lockEvidence(tx, id, version);
    const after = await tx.evidence.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user.id, action: "DELETE", entity: "Evidence", entityId: id, before, after });
  });
}

/**
 * Rates one cell. `version` is the cell's version the analyst saw (null for
 * an unrated cell), so two analysts rating the same cell at once do not
 * silently overwrite each other.
 */
export async function assessEvidence(
  user: ActingUser,
  evidenceId: string,
  input: EvidenceAssessmentInput,
): Promise<{ rating: ConsistencyRating; version: number }> {
  requirePermission(user, "edit");
  const db = getDatabase();
  const evidence = await db.evidence.findFirst({ where: { id: evidenceId, ...liveEvidenceWhere }, select: { id: true, setId: true } });
  if (!evidence) throw new NotFoundError("This evidence row");
  const scenario = await db.scenario.findFirst({ where: { id: input.scenarioId, deletedAt: null }, select: { setId: true } });
  if (!scenario || scenario.setId !== evidence.setId)
    throw new ValidationError({ scenarioId: "is not a scenario of this evidence row's set" });
  const stale = (current: { rating: string; version: number } | null) =>
    new ConflictError(
      current
        ? `Someone rated this cell ${current.rating} (version ${current.version}) after you opened it. Review their rating before changing it.`
        : "This cell's rating was removed after you opened it. Reload the matrix.",
      current,
    );
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.evidenceAssessment.findUnique({
        where: { evidenceId_scenarioId: { evidenceId, scenarioId: input.scenarioId } },
      });
      if (input.version === null) {
        if (before) throw stale(before);
        const row = await tx.evidenceAssessment.create({
          data: { evidenceId, scenarioId: input.scenarioId, rating: input.rating, ratedById: user.id },
        });
        await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "EvidenceAssessment", entityId: row.id, after: row });
        return { rating: row.rating, version: row.version };
      }
      if (!before || before.version !== input.version) throw stale(before);
      const { count } = await tx.evidenceAssessment.updateMany({
        where: { id: before.id, version: input.version },
        data: { rating: input.rating, ratedById: user.id, version: { increment: 1 } },
      });
      if (count === 0) throw stale(await tx.evidenceAssessment.findUnique({ where: { id: before.id } }));
      const after = await tx.evidenceAssessment.findUniqueOrThrow({ where: { id: before.id } });
      await recordAudit(tx, { userId: user.id, action: "UPDATE", entity: "EvidenceAssessment", entityId: before.id, before, after });
      return { rating: after.rating, version: after.version };
    });
  } catch (error) {
    // Two first ratings of one cell at once: the loser hears about the winner's.
    if (isUniqueViolation(error)) {
      throw stale(
        await db.evidenceAssessment.findUnique({ where: { evidenceId_scenarioId: { evidenceId, scenarioId: input.scenarioId } } }),
      );
    }
    throw error;
  }
}

/** Each scenario's column of its set's matrix, for the scenario page. */
export async function listEvidenceScores(user: ActingUser, setSlug: string): Promise<EvidenceMatrixCore["scenarios"]> {
  requirePermission(user, "read");
  return (await readEvidenceMatrix(user, setSlug)).scenarios;
}
