// Pure: turns live codings into per-target chart series. No I/O.

export type StanceCodingRow = {
  statementId: string;
  speakerId: string;
  speakerName: string;
  targetId: string;
  /** YYYY-MM-DD, the date the statement was made. */
  saidOn: string;
  score: number;
  quote: string;
  coderName: string;
};

export type StancePoint = {
  statementId: string;
  saidOn: string;
  /** The adjudicated score where there is one, otherwise the mean of the coders' scores. */
  score: number;
  basis: "adjudicated" | "mean";
  coders: string[];
  quote: string;
};

export type DailyMean = { saidOn: string; score: number; statementCount: number };

export type SpeakerSeries = { speakerId: string; speakerName: string; points: StancePoint[]; dailyMeans: DailyMean[] };

export type TargetPanel = { targetId: string; targetName: string; codingCount: number; series: SpeakerSeries[] };

export type DatedMarker = { occurredOn: string };

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The mean of a speaker's statement scores on each day they spoke, in date order. */
export function meanPerDay(points: Pick<StancePoint, "saidOn" | "score">[]): DailyMean[] {
  const byDay = new Map<string, number[]>();
  for (const point of points) byDay.set(point.saidOn, [...(byDay.get(point.saidOn) ?? []), point.score]);
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([saidOn, scores]) => ({ saidOn, score: mean(scores), statementCount: scores.length }));
}

export type AdjudicatedScore = { statementId: string; targetId: string; score: number };

/**
 * One panel per target, in the order given; within it one series per speaker,
 * points in date order. A statement's point is its adjudicated score toward
 * the target when disagreeing coders were settled, else their mean.
 */
export function buildStancePanels(
  rows: StanceCodingRow[],
  targets: { id: string; name: string }[],
  adjudications: AdjudicatedScore[] = [],
): TargetPanel[] {
  const adjudicated = new Map(
    adjudications.map((adjudication) => [`${adjudication.statementId}:${adjudication.targetId}`, adjudication.score]),
  );
  return targets.map((target) => {
    const bySpeaker = new Map<string, { speakerName: string; byStatement: Map<string, StanceCodingRow[]> }>();
    let codingCount = 0;
    for (const row of rows) {
      if (row.targetId !== target.id) continue;
      codingCount += 1;
      let speaker = bySpeaker.get(row.speakerId);
      if (!speaker) {
        speaker = { speakerName: row.speakerName, byStatement: new Map() };
        bySpeaker.set(row.speakerId, speaker);
      }
      const codings = speaker.byStatement.get(row.statementId) ?? [];
      codings.push(row);
      speaker.byStatement.set(row.statementId, codings);
    }
    const series = [...bySpeaker.entries()].map(([speakerId, speaker]) => {
      const points = [...speaker.byStatement.entries()]
        .map(([statementId, codings]) => {
          const settled = adjudicated.get(`${statementId}:${target.id}`);
          return {
            statementId,
            saidOn: codings[0]!.saidOn,
            score: settled ?? mean(codings.map((coding) => coding.score)),
            basis: settled === undefined ? ("mean" as const) : ("adjudicated" as const),
            coders: codings.map((coding) => coding.coderName).sort(),
            quote: codings[0]!.quote,
          };
        })
        .sort((a, b) => a.saidOn.localeCompare(b.saidOn) || a.statementId.localeCompare(b.statementId));
      return { speakerId, speakerName: speaker.speakerName, points, dailyMeans: meanPerDay(points) };
    });
    series.sort((a, b) => a.speakerName.localeCompare(b.speakerName));
    return { targetId: target.id, targetName: target.name, codingCount, series };
  });
}

function shiftDate(date: string, days: number): string {
  const shifted = new Date(`${date}T00:00:00Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}

/**
 * The window a chart shows: the statements' dates, padded so that the events
 * leading up to them are visible. Null when there are no statements.
 */
export function chooseTimeWindow(statementDates: string[], padding = { before: 45, after: 14 }): { from: string; to: string } | null {
  if (statementDates.length === 0) return null;
  const sorted = [...statementDates].sort();
  return { from: shiftDate(sorted[0]!, -padding.before), to: shiftDate(sorted[sorted.length - 1]!, padding.after) };
}

/** Weekly ticks crowd a window longer than about four months; months read better there. */
export function chooseTimeUnit(window: { from: string; to: string }): "day" | "week" | "month" {
  const days = (Date.parse(window.to) - Date.parse(window.from)) / 86_400_000;
  if (days <= 21) return "day";
  return days <= 120 ? "week" : "month";
}

export function markersWithin<T extends DatedMarker>(markers: T[], window: { from: string; to: string }): T[] {
  return markers.filter((marker) => marker.occurredOn >= window.from && marker.occurredOn <= window.to);
}
