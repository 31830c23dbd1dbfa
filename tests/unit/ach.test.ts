import { describe, expect, it } from "vitest";
import {
  type AchMatrix,
  type EvidenceCredibility,
  labelDiagnosticity,
  scoreEvidenceDiagnosticity,
  scoreHypotheses,
  sortEvidence,
  sortHypotheses,
} from "@/lib/scenarios/ach";

// Three hypotheses × three items of evidence; credibility weights High 2, Medium 1, Low 0.5.
//
//                  H1   H2   H3
//   E1 (HIGH)      C    I    II
//   E2 (MEDIUM)    C    C    C
//   E3 (LOW)       II   N    NA
const matrix: AchMatrix = {
  hypotheses: [{ id: "h1" }, { id: "h2" }, { id: "h3" }],
  evidence: [
    { id: "e1", credibility: "HIGH" },
    { id: "e2", credibility: "MEDIUM" },
    { id: "e3", credibility: "LOW" },
  ],
  ratings: [
    { evidenceId: "e1", hypothesisId: "h1", rating: "C" },
    { evidenceId: "e1", hypothesisId: "h2", rating: "I" },
    { evidenceId: "e1", hypothesisId: "h3", rating: "II" },
    { evidenceId: "e2", hypothesisId: "h1", rating: "C" },
    { evidenceId: "e2", hypothesisId: "h2", rating: "C" },
    { evidenceId: "e2", hypothesisId: "h3", rating: "C" },
    { evidenceId: "e3", hypothesisId: "h1", rating: "II" },
    { evidenceId: "e3", hypothesisId: "h2", rating: "N" },
    { evidenceId: "e3", hypothesisId: "h3", rating: "NA" },
  ],
};

describe("scoreHypotheses", () => {
  it("counts only inconsistency, weighted by credibility", () => {
    expect(scoreHypotheses(matrix)).toEqual([
      // II on E3: 2 points; × Low 0.5 = 1.
      { hypothesisId: "h1", inconsistency: 2, weightedInconsistency: 1, ratedEvidenceCount: 3 },
      // I on E1: 1 point; × High 2 = 2.
      { hypothesisId: "h2", inconsistency: 1, weightedInconsistency: 2, ratedEvidenceCount: 3 },
      // II on E1: 2 points × 2 = 4; E3 is NA, so only two items are rated.
      { hypothesisId: "h3", inconsistency: 2, weightedInconsistency: 4, ratedEvidenceCount: 2 },
    ]);
    // Credibility reverses H1 and H2: unweighted H2 looks likelier (1 < 2), weighted H1 does (1 < 2).
  });

  it("treats a missing rating like NA", () => {
    const withUnratedCells: AchMatrix = {
      ...matrix,
      evidence: [...matrix.evidence, { id: "e4", credibility: "MEDIUM" }],
      ratings: [...matrix.ratings, { evidenceId: "e4", hypothesisId: "h1", rating: "I" }],
    };
    // E4 adds I × Medium 1 to H1 only: 2 + 1 = 3 points, 1 + 1 = 2 weighted, 4 rated items.
    expect(scoreHypotheses(withUnratedCells)).toEqual([
      { hypothesisId: "h1", inconsistency: 3, weightedInconsistency: 2, ratedEvidenceCount: 4 },
      { hypothesisId: "h2", inconsistency: 1, weightedInconsistency: 2, ratedEvidenceCount: 3 },
      { hypothesisId: "h3", inconsistency: 2, weightedInconsistency: 4, ratedEvidenceCount: 2 },
    ]);
  });

  it("refuses ratings the matrix cannot hold", () => {
    const unknownEvidence = { ...matrix, ratings: [{ evidenceId: "e9", hypothesisId: "h1", rating: "I" as const }] };
    const unknownHypothesis = { ...matrix, ratings: [{ evidenceId: "e1", hypothesisId: "h9", rating: "I" as const }] };
    const ratedTwice = { ...matrix, ratings: [...matrix.ratings, { evidenceId: "e1", hypothesisId: "h1", rating: "I" as const }] };
    expect(() => scoreHypotheses(unknownEvidence)).toThrowError(/evidence e9/);
    expect(() => scoreHypotheses(unknownHypothesis)).toThrowError(/hypothesis h9/);
    expect(() => scoreHypotheses(ratedTwice)).toThrowError(/rated twice/);
  });
});

describe("scoreEvidenceDiagnosticity", () => {
  it("measures the spread of a row's ratings on CC +2 .. II −2", () => {
    expect(scoreEvidenceDiagnosticity(matrix)).toEqual([
      // C +1, I −1, II −2: 1 − (−2) = 3.
      { evidenceId: "e1", diagnosticity: 3, label: "high", ratedHypothesisCount: 3 },
      // Consistent with everything: 1 − 1 = 0, no diagnostic value.
      { evidenceId: "e2", diagnosticity: 0, label: "none", ratedHypothesisCount: 3 },
      // II −2, N 0, NA left out: 0 − (−2) = 2.
      { evidenceId: "e3", diagnosticity: 2, label: "medium", ratedHypothesisCount: 2 },
    ]);
  });

  it("gives no diagnosticity to evidence inconsistent with every hypothesis, or rated against fewer than two", () => {
    const rows: AchMatrix = {
      hypotheses: [{ id: "h1" }, { id: "h2" }],
      evidence: [
        { id: "against-all", credibility: "HIGH" },
        { id: "one-rating", credibility: "HIGH" },
        { id: "degree", credibility: "HIGH" },
      ],
      ratings: [
        { evidenceId: "against-all", hypothesisId: "h1", rating: "I" },
        { evidenceId: "against-all", hypothesisId: "h2", rating: "I" },
        { evidenceId: "one-rating", hypothesisId: "h1", rating: "II" },
        { evidenceId: "one-rating", hypothesisId: "h2", rating: "NA" },
        { evidenceId: "degree", hypothesisId: "h1", rating: "CC" },
        { evidenceId: "degree", hypothesisId: "h2", rating: "C" },
      ],
    };
    expect(scoreEvidenceDiagnosticity(rows)).toEqual([
      { evidenceId: "against-all", diagnosticity: 0, label: "none", ratedHypothesisCount: 2 },
      { evidenceId: "one-rating", diagnosticity: 0, label: "none", ratedHypothesisCount: 1 },
      // CC +2 against C +1: a difference of degree, 1.
      { evidenceId: "degree", diagnosticity: 1, label: "low", ratedHypothesisCount: 2 },
    ]);
  });

  it("labels the whole range", () => {
    expect([0, 1, 2, 3, 4].map(labelDiagnosticity)).toEqual(["none", "low", "medium", "high", "high"]);
  });
});

describe("sortEvidence", () => {
  const row = (id: string, diagnosticity: number, credibility: EvidenceCredibility, date?: string) => ({
    id,
    diagnosticity,
    credibility,
    date,
  });
  const rows = [
    row("a", 2, "LOW", "2024-05-01"),
    row("b", 4, "HIGH"),
    row("c", 2, "HIGH", "2024-03-01"),
    row("d", 0, "MEDIUM", "2024-04-01"),
  ];
  const ids = (sorted: { id: string }[]) => sorted.map((sorted) => sorted.id);

  it("sorts by diagnosticity, keeping ties in input order", () => {
    expect(ids(sortEvidence(rows, "diagnosticity", "descending"))).toEqual(["b", "a", "c", "d"]);
    expect(ids(sortEvidence(rows, "diagnosticity", "ascending"))).toEqual(["d", "a", "c", "b"]);
  });

  it("sorts by credibility, Low < Medium < High", () => {
    expect(ids(sortEvidence(rows, "credibility", "descending"))).toEqual(["b", "c", "d", "a"]);
    expect(ids(sortEvidence(rows, "credibility", "ascending"))).toEqual(["a", "d", "b", "c"]);
  });

  it("sorts by date with undated evidence last either way", () => {
    expect(ids(sortEvidence(rows, "date", "ascending"))).toEqual(["c", "d", "a", "b"]);
    expect(ids(sortEvidence(rows, "date", "descending"))).toEqual(["a", "d", "c", "b"]);
  });

  it("leaves its input alone", () => {
    sortEvidence(rows, "diagnosticity", "descending");
    expect(ids(rows)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("sortHypotheses", () => {
  it("puts the least inconsistent first when ascending", () => {
    const scores = scoreHypotheses(matrix);
    expect(sortHypotheses(scores, "ascending").map((score) => score.hypothesisId)).toEqual(["h1", "h2", "h3"]);
    expect(sortHypotheses(scores, "descending").map((score) => score.hypothesisId)).toEqual(["h3", "h2", "h1"]);
  });

  it("keeps ties in input order", () => {
    const scores = [
      { hypothesisId: "x", weightedInconsistency: 1 },
      { hypothesisId: "y", weightedInconsistency: 0.5 },
      { hypothesisId: "z", weightedInconsistency: 1 },
    ];
    expect(sortHypotheses(scores, "ascending").map((score) => score.hypothesisId)).toEqual(["y", "x", "z"]);
    expect(sortHypotheses(scores, "descending").map((score) => score.hypothesisId)).toEqual(["x", "z", "y"]);
  });
});
