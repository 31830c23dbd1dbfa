import "server-only";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { NotFoundError } from "../errors";
import { buildCalibration, isScoredEstimate, scoreQuestion } from "../scenarios/accuracy";
import { outcomeOf, type Estimate } from "../scenarios/brier";
import type { TrackRecordQuestion, TrackRecordView } from "../scenarios/types";
import { isoFromDate } from "../validation";

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * One analyst's record across every resolved scenario they forecast: each
 * question scored against the whole team's forecasts on it (so the median
 * score is the team's), the means, and a calibration table.
 */
export async function getTrackRecord(user: ActingUser, analystId: string): Promise<TrackRecordView> {
  requirePermission(user, "read");
  const db = getDatabase();
  const analyst = await db.user.findUnique({ where: { id: analystId }, select: { id: true, name: true } });
  if (!analyst) throw new NotFoundError("This analyst");
  const scenarios = await db.scenario.findMany({
    where: {
      deletedAt: null,
      status: { in: ["RESOLVED_YES", "RESOLVED_NO"] },
      resolvedOn: { not: null },
      estimates: { some: { analystId, deletedAt: null } },
    },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      resolvedOn: true,
      firstResolvedAt: true,
      estimates: {
        where: { deletedAt: null },
        select: { analystId: true, estimatedOn: true, probability: true, createdAt: true },
        orderBy: [{ estimatedOn: "asc" }, { createdAt: "asc" }],
      },
    },
    orderBy: [{ resolvedOn: "desc" }, { title: "asc" }],
  });

  const questions: (TrackRecordQuestion & { dailyProbabilities: number[] })[] = [];
  for (const scenario of scenarios) {
    const outcome = outcomeOf(scenario.status);
    if (outcome === null || !scenario.resolvedOn) continue;
    const resolvedOn = isoFromDate(scenario.resolvedOn);
    const byAnalyst = new Map<string, Estimate[]>();
    for (const estimate of scenario.estimates) {
      if (!isScoredEstimate(estimate.createdAt, scenario.firstResolvedAt)) continue;
      const list = byAnalyst.get(estimate.analystId) ?? [];
      list.push({ estimatedOn: isoFromDate(estimate.estimatedOn), probability: estimate.probability });
      byAnalyst.set(estimate.analystId, list);
    }
    const own = scoreQuestion(byAnalyst, resolvedOn, outcome).find((entry) => entry.analystId === analystId);
    // Their estimates all came after the resolution date: nothing to score.
    if (!own) continue;
    questions.push({
      scenarioId: scenario.id,
      slug: scenario.slug,
      title: scenario.title,
      outcome,
      resolvedOn,
      brier: own.brier,
      logScore: own.logScore,
      relativeBrier: own.relativeBrier,
      daysWithForecast: own.daysWithForecast,
      questionDays: own.questionDays,
      finalProbability: own.dailyProbabilities.at(-1)!,
      dailyProbabilities: own.dailyProbabilities,
    });
  }

  return {
    analyst,
    questions: questions.map((question) => {
      const { dailyProbabilities, ...shown } = question;
      void dailyProbabilities;
      return shown;
    }),
    summary: questions.length
      ? {
          questionCount: questions.length,
          meanBrier: mean(questions.map((question) => question.brier)),
          meanLogScore: mean(questions.map((question) => question.logScore)),
          meanRelativeBrier: mean(questions.map((question) => question.relativeBrier)),
        }
      : null,
    calibration: buildCalibration(questions),
  };
}
