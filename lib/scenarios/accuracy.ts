// How accurate each analyst was on one resolved question, scored so that late
// entry and easy questions earn nothing by themselves, and how calibrated an
// analyst is across questions. Pure, no I/O. The rules are argued in
// docs/decisions/0013-scores-relative-to-the-team.md.
//
// A question's scored days run from the first day anyone on the team had a
// forecast to the resolution day inclusive. On each such day every analyst with
// a standing forecast gets a daily score (Brier on 0–2, and the log score), and
// the day's median score is the median of those scores (Good Judgment Open's
// "median score"; it counts the analyst themself, as GJOpen does).
//
// - brier / logScore: the mean over the question's days, where a day before
//   the analyst's first forecast scores the day's median score. Entering late
//   therefore earns the team's score for the days missed, neither the free pass
//   of being unscored nor the penalty of an imputed 50 %.
// - relativeBrier: the mean, over the days the analyst had a forecast, of
//   (own daily Brier − the day's median Brier). Negative is better than the
//   team. An easy question lowers everyone's Brier alike and so cancels out.

import { brierScore, dayNumberOf, logScore, stepsUntil, type Estimate, type Outcome, type Step } from "./brier";
import { median } from "./estimate-history";

export interface QuestionAccuracy {
  analystId: string;
  /** Mean daily Brier over the question's days, 0..2; the median's score fills days before the first forecast. */
  brier: number;
  /** The same with the log score, in bits (0 perfect, 1 for 50 %). */
  logScore: number;
  /** Mean over the analyst's own days of (own Brier − median Brier); negative beats the team. */
  relativeBrier: number;
  /** Days with a standing forecast, through the resolution day. */
  daysWithForecast: number;
  /** Days from the team's first forecast to the resolution day. */
  questionDays: number;
  /** The analyst's standing forecast on each of their days, for calibration. */
  dailyProbabilities: number[];
}

function standingOn(steps: readonly Step[], day: number): number | null {
  return steps.findLast((step) => step.day <= day)?.probability ?? null;
}

/**
 * Whether an estimate counts toward any score: recorded before the scenario was first resolved (null: never
 * resolved yet). After that the answer was known, so an estimate recorded while the scenario was reopened is
 * shown but never scored, whatever resolution date it is resolved on again (docs/decisions/0012).
 */
export function isScoredEstimate(recordedAt: Date, firstResolvedAt: Date | null): boolean {
  return firstResolvedAt === null || recordedAt.getTime() <= firstResolvedAt.getTime();
}

/** Every analyst who forecast by the resolution date, in the input map's order; analysts who did not are left out. */
export function scoreQuestion(
  estimatesByAnalyst: ReadonlyMap<string, readonly Estimate[]>,
  resolvedOn: string,
  outcome: Outcome,
): QuestionAccuracy[] {
  const resolutionDay = dayNumberOf(resolvedOn);
  const analysts = [...estimatesByAnalyst]
    .map(([analystId, estimates]) => ({ analystId, steps: stepsUntil(estimates, resolutionDay) }))
    .filter(({ steps }) => steps.length > 0);
  if (analysts.length === 0) return [];
  const firstDay = Math.min(...analysts.map(({ steps }) => steps[0]!.day));
  const questionDays = resolutionDay + 1 - firstDay;

  const totals = analysts.map(() => ({ brier: 0, log: 0, relative: 0, days: 0, probabilities: [] as number[] }));
  for (let day = firstDay; day <= resolutionDay; day++) {
    const standing = analysts.map(({ steps }) => standingOn(steps, day));
    const briers = standing.flatMap((probability) => (probability === null ? [] : [brierScore(probability, outcome)]));
    const logs = standing.flatMap((probability) => (probability === null ? [] : [logScore(probability, outcome)]));
    const medianBrier = median(briers);
    const medianLog = median(logs);
    standing.forEach((probability, index) => {
      const total = totals[index]!;
      if (probability === null) {
        total.brier += medianBrier;
        total.log += medianLog;
        return;
      }
      const own = brierScore(probability, outcome);
      total.brier += own;
      total.log += logScore(probability, outcome);
      total.relative += own - medianBrier;
      total.days += 1;
      total.probabilities.push(probability);
    });
  }
  return analysts.map(({ analystId }, index) => {
    const total = totals[index]!;
    return {
      analystId,
      brier: total.brier / questionDays,
      logScore: total.log / questionDays,
      relativeBrier: total.relative / total.days,
      daysWithForecast: total.days,
      questionDays,
      dailyProbabilities: total.probabilities,
    };
  });
}

export interface CalibrationBin {
  /** Forecasts from `from` (inclusive) to `to` (exclusive; the last bin includes 1). */
  from: number;
  to: number;
  /** Questions' worth of forecasts in the bin: each question weighs 1, spread over the analyst's days on it. */
  weight: number;
  /** Number of distinct questions with a forecast in the bin. */
  questionCount: number;
  /** Weighted mean forecast in the bin; null when empty. */
  meanForecast: number | null;
  /** Weighted share of those forecasts whose question resolved yes; null when empty. */
  observedFrequency: number | null;
}

/**
 * A reliability diagram's data: forecasts binned by probability (ten bins of
 * 10 points), each bin's mean forecast against how often such questions came
 * about. Every question weighs the same however long or often the analyst
 * forecast it: a day's forecast weighs 1 / (days with a forecast).
 */
export function buildCalibration(
  questions: readonly { outcome: Outcome; dailyProbabilities: readonly number[] }[],
  binCount = 10,
): CalibrationBin[] {
  const bins = Array.from({ length: binCount }, (_, index) => ({
    weight: 0,
    forecastSum: 0,
    yesSum: 0,
    questions: new Set<number>(),
    from: index / binCount,
    to: (index + 1) / binCount,
  }));
  questions.forEach((question, questionIndex) => {
    const dayWeight = 1 / question.dailyProbabilities.length;
    for (const probability of question.dailyProbabilities) {
      // Rounded first so that 0.7 × 10 = 7.000000000000001 and its like land in the bin they name.
      const bin = bins[Math.min(binCount - 1, Math.floor(Math.round(probability * binCount * 1e9) / 1e9))]!;
      bin.weight += dayWeight;
      bin.forecastSum += dayWeight * probability;
      bin.yesSum += dayWeight * question.outcome;
      bin.questions.add(questionIndex);
    }
  });
  return bins.map((bin) => ({
    from: bin.from,
    to: bin.to,
    weight: bin.weight,
    questionCount: bin.questions.size,
    meanForecast: bin.weight > 0 ? bin.forecastSum / bin.weight : null,
    observedFrequency: bin.weight > 0 ? bin.yesSum / bin.weight : null,
  }));
}
