// Analysis of Competing Hypotheses (Heuer, "Psychology of Intelligence
// Analysis", ch. 8), scored as Open Source ACH scores it (Matthew Burton and
// Joshua Knowles's web version of PARC ACH 2.0; PARC's own source we could not
// consult, so the constants below are Open Source ACH's). Pure, no I/O.
//
// ACH ranks hypotheses by the evidence against them, not for them: evidence
// consistent with a hypothesis is usually consistent with others too, while
// one solid inconsistency can rule a hypothesis out. So only Inconsistent (I)
// and Very Inconsistent (II) ratings count, 1 and 2 points; CC, C, N and NA
// count 0. The weighted score multiplies each point by the evidence's
// credibility weight: High 2, Medium 1, Low 0.5. These are Open Source ACH's
// own constants (code/functions.php getHypoRatingScore; the weights are the
// option values of the "Cred Weight" menu in parts/ajax_table.php, summed in
// code/class_project.php getEandH), Medium being its default.
//
// Diagnosticity is ours, not Open Source ACH's, which sorts evidence by the sum
// of the row's inconsistency points, which ranks evidence inconsistent with
// every hypothesis — of no diagnostic value, by Heuer's own definition — as
// the most diagnostic. We measure instead how far apart the hypotheses' ratings
// of one item lie on the scale CC +2, C +1, N 0, I −1, II −2 (NA and unrated
// cells left out): evidence rated alike for every hypothesis scores 0.

export const consistencyRatings = ["CC", "C", "N", "NA", "I", "II"] as const;
export type ConsistencyRating = (typeof consistencyRatings)[number];

export const consistencyRatingLabels: Record<ConsistencyRating, string> = {
  CC: "Very consistent",
  C: "Consistent",
  N: "Neutral",
  NA: "Not applicable",
  I: "Inconsistent",
  II: "Very inconsistent",
};

export const evidenceCredibilities = ["HIGH", "MEDIUM", "LOW"] as const;

export const credibilityLabels: Record<EvidenceCredibility, string> = { HIGH: "High", MEDIUM: "Medium", LOW: "Low" };
export type EvidenceCredibility = (typeof evidenceCredibilities)[number];

/** Open Source ACH's points against a hypothesis: only inconsistency counts. */
export const inconsistencyPoints: Record<ConsistencyRating, number> = { CC: 0, C: 0, N: 0, NA: 0, I: 1, II: 2 };

/** Open Source ACH's credibility weights. */
export const credibilityWeights: Record<EvidenceCredibility, number> = { HIGH: 2, MEDIUM: 1, LOW: 0.5 };

/** Our scale for diagnosticity; NA has no place on it. */
export const consistencyValues: Record<Exclude<ConsistencyRating, "NA">, number> = { CC: 2, C: 1, N: 0, I: -1, II: -2 };

export interface AchHypothesis {
  id: string;
}

export interface AchEvidence {
  id: string;
  credibility: EvidenceCredibility;
  /** YYYY-MM-DD: when the information dates from, if known. */
  date?: string;
}

export interface AchRating {
  evidenceId: string;
  hypothesisId: string;
  rating: ConsistencyRating;
}

/** One analyst's matrix. A cell without a rating is unrated, which scores like NA. */
export interface AchMatrix {
  hypotheses: readonly AchHypothesis[];
  evidence: readonly AchEvidence[];
  ratings: readonly AchRating[];
}

export interface HypothesisScore {
  hypothesisId: string;
  /** Inconsistency points: I 1, II 2. Higher means less likely. */
  inconsistency: number;
  /** The points, each multiplied by its evidence's credibility weight. */
  weightedInconsistency: number;
  /** Evidence rated for this hypothesis other than NA: how much the score rests on. */
  ratedEvidenceCount: number;
}

export type DiagnosticityLabel = "high" | "medium" | "low" | "none";

export interface EvidenceDiagnosticity {
  evidenceId: string;
  /** Most consistent rating minus least consistent, 0..4; 0 with fewer than two rated hypotheses. */
  diagnosticity: number;
  label: DiagnosticityLabel;
  /** Hypotheses this evidence was rated against, NA not counted. */
  ratedHypothesisCount: number;
}

export type SortDirection = "ascending" | "descending";

/** Ratings by evidence id then hypothesis id; refuses ratings the matrix cannot hold. */
function indexRatings(matrix: AchMatrix): Map<string, Map<string, ConsistencyRating>> {
  const hypothesisIds = new Set(matrix.hypotheses.map((hypothesis) => hypothesis.id));
  const cells = new Map(matrix.evidence.map((evidence) => [evidence.id, new Map<string, ConsistencyRating>()]));
  for (const { evidenceId, hypothesisId, rating } of matrix.ratings) {
    const row = cells.get(evidenceId);
    // Silently dropping or overwriting would make the scores depend on query order, so a bad matrix is an error.
    if (row === undefined) throw new RangeError(`A rating refers to evidence ${evidenceId}, which is not in the matrix`);
    if (!hypothesisIds.has(hypothesisId)) throw new RangeError(`A rating refers to hypothesis ${hypothesisId}, which is not in the matrix`);
    if (row.has(hypothesisId)) throw new RangeError(`Evidence ${evidenceId} is rated twice against hypothesis ${hypothesisId}`);
    row.set(hypothesisId, rating);
  }
  return cells;
}

/** In the matrix's hypothesis order. */
export function scoreHypotheses(matrix: AchMatrix): HypothesisScore[] {
  const cells = indexRatings(matrix);
  return matrix.hypotheses.map(({ id: hypothesisId }) => {
    let inconsistency = 0;
    let weightedInconsistency = 0;
    let ratedEvidenceCount = 0;
    for (const evidence of matrix.evidence) {
      const rating = cells.get(evidence.id)?.get(hypothesisId);
      if (rating === undefined || rating === "NA") continue;
      ratedEvidenceCount++;
      inconsistency += inconsistencyPoints[rating];
      weightedInconsistency += inconsistencyPoints[rating] * credibilityWeights[evidence.credibility];
    }
    return { hypothesisId, inconsistency, weightedInconsistency, ratedEvidenceCount };
  });
}

/**
 * 3–4: at least one hypothesis is very consistent and another inconsistent,
 * or consistent and very inconsistent; 2: consistent with one and
 * inconsistent with another, Heuer's textbook diagnostic item (or a step
 * from neutral to very inconsistent); 1: a matter of degree, e.g. C against CC.
 */
export function labelDiagnosticity(diagnosticity: number): DiagnosticityLabel {
  if (diagnosticity >= 3) return "high";
  if (diagnosticity >= 2) return "medium";
  if (diagnosticity > 0) return "low";
  return "none";
}

/** In the matrix's evidence order. */
export function scoreEvidenceDiagnosticity(matrix: AchMatrix): EvidenceDiagnosticity[] {
  const cells = indexRatings(matrix);
  return matrix.evidence.map(({ id: evidenceId }) => {
    const values: number[] = [];
    for (const rating of cells.get(evidenceId)?.values() ?? []) {
      if (rating !== "NA") values.push(consistencyValues[rating]);
    }
    const diagnosticity = values.length < 2 ? 0 : Math.max(...values) - Math.min(...values);
    return { evidenceId, diagnosticity, label: labelDiagnosticity(diagnosticity), ratedHypothesisCount: values.length };
  });
}

export interface SortableEvidence {
  credibility: EvidenceCredibility;
  date?: string;
  diagnosticity: number;
}

/**
 * Stable: ties keep their input order. Evidence without a date goes last in
 * either direction, since an unknown date is neither early nor late.
 */
export function sortEvidence<Row extends SortableEvidence>(
  rows: readonly Row[],
  by: "diagnosticity" | "date" | "credibility",
  direction: SortDirection,
): Row[] {
  const sign = direction === "ascending" ? 1 : -1;
  return [...rows].sort((a, b) => {
    switch (by) {
      case "diagnosticity":
        return sign * (a.diagnosticity - b.diagnosticity);
      case "credibility":
        return sign * (credibilityWeights[a.credibility] - credibilityWeights[b.credibility]);
      case "date":
        if (a.date === undefined || b.date === undefined) return (a.date === undefined ? 1 : 0) - (b.date === undefined ? 1 : 0);
        return sign * (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
    }
  });
}

/** By weighted inconsistency; ascending puts the most likely hypothesis first. Stable on ties. */
export function sortHypotheses<Score extends Pick<HypothesisScore, "weightedInconsistency">>(
  scores: readonly Score[],
  direction: SortDirection,
): Score[] {
  const sign = direction === "ascending" ? 1 : -1;
  return [...scores].sort((a, b) => sign * (a.weightedInconsistency - b.weightedInconsistency));
}
