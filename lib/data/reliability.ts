import "server-only";
import { recordAudit } from "../audit/record-audit";
import { hasPermission, requirePermission, type ActingUser } from "../auth/permissions";
import type { AdjudicationInput } from "../codings/schemas";
import { getDatabase } from "../database/client";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { isUniqueViolation } from "../database/constraint-errors";
import { statementsSeenWholeWhere, visibleAdjudicationsWhere, visibleCodingsWhere } from "./coding-visibility";
import { formatScore, maximumScore, minimumScore } from "../codings/scale";
import {
  agreementWithinOnePoint,
  coderDeviations,
  confusionMatrix,
  pairwiseAlpha,
  percentAgreement,
  unitsCodedByBoth,
  unitsFromCodings,
  type CoderPairAlpha,
  type PercentAgreement,
} from "../reliability/agreement";
import { bootstrapAlpha } from "../reliability/bootstrap";
import { isDisagreement, isOnePointDisagreement } from "../reliability/disagreements";
import type { ReliabilityFilter } from "../reliability/filter";
import { krippendorffAlpha, type AlphaResult } from "../reliability/krippendorff";
import { isoFromDate } from "../validation";
import { liveCodingWhere } from "./live-records";

/**
 * Below this many units an alpha is shown as "too few units": with 3 units
 * one coding moves alpha by tenths, and the bootstrap interval spans most of
 * its range. Krippendorff (2004) asks for far more; 10 is the least at which
 * the figure is worth reading at all.
 */
export const minimumUnitsForAlpha = 10;

/** The coding scale, for confusion matrices. */
export const scoreScale = Array.from({ length: maximumScore - minimumScore + 1 }, (_, index) => minimumScore + index);

export type AlphaInterval = { lower: number; upper: number; replicates: number };

export type ReliabilityFigure = AlphaResult & {
  coders: number;
  agreement: PercentAgreement;
  withinOnePoint: PercentAgreement;
  /** Bootstrap 95 % interval (seeded, reproducible); null when alpha is undefined. */
  interval: AlphaInterval | null;
  tooFewUnits: boolean;
};

export type Disagreement = {
  statementId: string;
  sourceId: string;
  quote: string;
  speakerName: string;
  saidOn: string;
  targetId: string;
  targetName: string;
  codings: { coderName: string; score: number; rationale: string }[];
  adjudication: { score: number; rationale: string; adjudicatorName: string; version: number } | null;
};

export type ReliabilityReport = {
  overall: ReliabilityFigure;
  perTarget: (ReliabilityFigure & { targetId: string; targetName: string })[];
  perPair: (CoderPairAlpha & {
    coderNames: [string, string];
    interval: AlphaInterval | null;
    tooFewUnits: boolean;
    withinOnePoint: PercentAgreement;
    /** Rows: the first coder's scores along `scoreScale`; columns: the second's. */
    confusion: number[][];
  })[];
  /** Each coder against the adjudicated value, else the unit's median coding. */
  coderDeviations: {
    coderId: string;
    coderName: string;
    units: number;
    meanDeviation: number | null;
    meanAbsoluteDeviation: number | null;
  }[];
  /**
   * False for a blind coder: every figure above counts only the codings they may see (their own, and others' of
   * the statements they have coded or of sources not coded blind). Counted over everyone's, a pair's confusion
   * matrix gaining one would tell them two coders' scores of a statement they have yet to code.
   */
  countsEveryCoding: boolean;
  /** Only for those who may adjudicate: the rest would see others' codings before coding them. */
  disagreements: Disagreement[] | null;
  /** Codings one point apart (below the adjudication bar); withheld like the disagreements. */
  onePointDisagreements: Disagreement[] | null;
};

function intervalOf(units: readonly (readonly number[])[]): AlphaInterval | null {
  const interval = bootstrapAlpha(units, "ordinal");
  return interval && { lower: interval.lower, upper: interval.upper, replicates: interval.replicates };
}

type Row = { statementId: string; targetId: string; coderId: string; score: number };

function figure(rows: Row[]): ReliabilityFigure {
  const codings = rows.map((row) => ({ unitId: `${row.statementId}:${row.targetId}`, coderId: row.coderId, value: row.score }));
  const units = unitsFromCodings(codings);
  const alpha = krippendorffAlpha(units, "ordinal");
  return {
    ...alpha,
    coders: new Set(rows.map((row) => row.coderId)).size,
    agreement: percentAgreement(units),
    withinOnePoint: agreementWithinOnePoint(units),
    interval: intervalOf(units),
    tooFewUnits: alpha.units < minimumUnitsForAlpha,
  };
}

/** Krippendorff's alpha (ordinal) over statement × target units: overall, per target and per pair of coders. */
export async function getReliabilityReport(user: ActingUser, filter: ReliabilityFilter = {}): Promise<ReliabilityReport> {
  requirePermission(user, "read");
  const db = getDatabase();
  const planned = filter.sample === "planned";
  const overlap = { isOverlap: true, draw: { deletedAt: null } } as const;
  const allCodings = await db.stanceCoding.findMany({
    where: {
      deletedAt: null,
      statement: { deletedAt: null, source: { deletedAt: null }, ...(planned ? { assignments: { some: overlap } } : {}) },
      // Absent: all codings; null: those made before the first codebook version; a number: under that version.
      ...(filter.codebookVersion !== undefined ? { codebookVersion: filter.codebookVersion } : {}),
      ...visibleCodingsWhere(user),
    },
    select: {
      statementId: true,
      targetId: true,
      coderId: true,
      score: true,
      rationale: true,
      coder: { select: { name: true } },
      target: { select: { name: true } },
      statement: { select: { quote: true, saidOn: true, sourceId: true, speaker: { select: { name: true } } } },
    },
  });
  // The planned sample: only the coders the draw assigned each overlap statement to (Prisma cannot compare two columns in a filter).
  const plannedCoders = planned
    ? new Set(
        (await db.codingAssignment.findMany({ where: overlap, select: { statementId: true, coderId: true } })).map(
          (assignment) => `${assignment.statementId}:${assignment.coderId}`,
        ),
      )
    : null;
  const codings = plannedCoders ? allCodings.filter((coding) => plannedCoders.has(`${coding.statementId}:${coding.coderId}`)) : allCodings;
  const targets = new Map(codings.map((coding) => [coding.targetId, coding.target.name]));
  const coderNames = new Map(codings.map((coding) => [coding.coderId, coding.coder.name]));
  const perTarget = [...targets.entries()]
    .map(([targetId, targetName]) => ({ targetId, targetName, ...figure(codings.filter((coding) => coding.targetId === targetId)) }))
    .sort((a, b) => a.targetName.localeCompare(b.targetName));
  const unitCodings = codings.map((coding) => ({
    unitId: `${coding.statementId}:${coding.targetId}`,
    coderId: coding.coderId,
    value: coding.score,
  }));
  const perPair = pairwiseAlpha(unitCodings, "ordinal")
    .filter((pair) => pair.units > 0)
    .map((pair) => {
      const both = unitsCodedByBoth(unitCodings, pair.coders[0], pair.coders[1]);
      return {
        ...pair,
        coderNames: [coderNames.get(pair.coders[0])!, coderNames.get(pair.coders[1])!] as [string, string],
        interval: intervalOf(both),
        tooFewUnits: pair.units < minimumUnitsForAlpha,
        withinOnePoint: agreementWithinOnePoint(both),
        confusion: confusionMatrix(both, scoreScale),
      };
    });
  const adjudicatedScores = await db.adjudication.findMany({
    where: { deletedAt: null, ...visibleAdjudicationsWhere(user) },
    select: { statementId: true, targetId: true, score: true },
  });
  const deviations = coderDeviations(
    unitCodings,
    new Map(adjudicatedScores.map((adjudication) => [`${adjudication.statementId}:${adjudication.targetId}`, adjudication.score])),
  )
    .map((deviation) => ({ ...deviation, coderName: coderNames.get(deviation.coderId)! }))
    .sort((a, b) => a.coderName.localeCompare(b.coderName));

  let disagreements: Disagreement[] | null = null;
  let onePointDisagreements: Disagreement[] | null = null;
  if (hasPermission(user, "adjudicate")) {
    const byUnit = new Map<string, typeof codings>();
    for (const coding of codings) {
      const key = `${coding.statementId}:${coding.targetId}`;
      byUnit.set(key, [...(byUnit.get(key) ?? []), coding]);
    }
    const adjudications = await db.adjudication.findMany({
      where: { deletedAt: null },
      include: { adjudicator: { select: { name: true } } },
    });
    const adjudicationByUnit = new Map(
      adjudications.map((adjudication) => [`${adjudication.statementId}:${adjudication.targetId}`, adjudication]),
    );
    const describe = ([key, unit]: [string, typeof codings]): Disagreement => {
      const first = unit[0]!;
      const adjudication = adjudicationByUnit.get(key);
      return {
        statementId: first.statementId,
        sourceId: first.statement.sourceId,
        quote: first.statement.quote,
        speakerName: first.statement.speaker.name,
        saidOn: isoFromDate(first.statement.saidOn),
        targetId: first.targetId,
        targetName: first.target.name,
        codings: unit.map((coding) => ({ coderName: coding.coder.name, score: coding.score, rationale: coding.rationale })),
        adjudication: adjudication
          ? {
              score: adjudication.score,
              rationale: adjudication.rationale,
              adjudicatorName: adjudication.adjudicator.name,
              version: adjudication.version,
            }
          : null,
      };
    };
    const unsettledFirst = (a: Disagreement, b: Disagreement) =>
      Number(a.adjudication !== null) - Number(b.adjudication !== null) || b.saidOn.localeCompare(a.saidOn);
    disagreements = [...byUnit.entries()]
      .filter(([, unit]) => isDisagreement(unit.map((coding) => coding.score)))
      .map(describe)
      .sort(unsettledFirst);
    onePointDisagreements = [...byUnit.entries()]
      .filter(([, unit]) => isOnePointDisagreement(unit.map((coding) => coding.score)))
      .map(describe)
      .sort(unsettledFirst);
  }
  return {
    overall: figure(codings),
    perTarget,
    perPair,
    coderDeviations: deviations,
    countsEveryCoding: statementsSeenWholeWhere(user!) === null,
    disagreements,
    onePointDisagreements,
  };
}

/** Records (or revises) the settled value of a statement's stance toward a target, with the reason. */
export async function adjudicate(user: ActingUser, input: AdjudicationInput): Promise<void> {
  requirePermission(user, "adjudicate");
  const db = getDatabase();
  await db.$transaction(async (tx) => {
    const codings = await tx.stanceCoding.count({
      where: { statementId: input.statementId, targetId: input.targetId, ...liveCodingWhere },
    });
    if (codings === 0) throw new NotFoundError("A coding of this statement toward this target");
    if (!input.rationale.trim()) throw new ValidationError({ rationale: "must say why" });
    const before = await tx.adjudication.findFirst({
      where: { statementId: input.statementId, targetId: input.targetId, deletedAt: null },
    });
    // Two adjudicators revising one value: the later save is refused with the value now recorded, never kept unseen.
    const changedMeanwhile = async (id: string) => {
      const current = await tx.adjudication.findUniqueOrThrow({ where: { id }, include: { adjudicator: { select: { name: true } } } });
      return new ConflictError(
        `${current.adjudicator.name} recorded a final value of ${formatScore(current.score)} for this statement after you opened it (“${current.rationale}”). Reload to see it before revising it.`,
        { version: current.version, score: current.score, rationale: current.rationale },
      );
    };
    if (before && input.version !== before.version) throw await changedMeanwhile(before.id);
    if (!before && input.version !== null)
      throw new ConflictError("The final value you were revising is no longer recorded. Reload to see the statement as it is now.", null);
    const values = { statementId: input.statementId, targetId: input.targetId, score: input.score, rationale: input.rationale };
    let after;
    if (before) {
      const { count } = await tx.adjudication.updateMany({
        where: { id: before.id, version: before.version },
        data: { score: values.score, rationale: values.rationale, adjudicatorId: user.id, version: { increment: 1 } },
      });
      if (count === 0) throw await changedMeanwhile(before.id);
      after = await tx.adjudication.findUniqueOrThrow({ where: { id: before.id } });
    } else {
      after = await tx.adjudication.create({ data: { ...values, adjudicatorId: user.id } }).catch((error: unknown) => {
        // Another adjudicator's first value committed meanwhile (one live value per statement and target).
        if (isUniqueViolation(error))
          throw new ConflictError("Another adjudicator recorded a final value for this statement meanwhile. Reload to see it.", null);
        throw error;
      });
    }
    await recordAudit(tx, {
      userId: user.id,
      action: before ? "UPDATE" : "CREATE",
      entity: "Adjudication",
      entityId: after.id,
      before,
      after,
    });
  });
}
