import Link from "@/components/link";
import type { ScenarioDetail } from "@/lib/scenarios/types";
import { describeInconsistencyRank, formatInconsistency } from "./scenario-format";

/** This scenario's column of its set's evidence matrix, in one sentence, and the way there. */
export function EvidenceColumnSummary({ evidence, set }: { evidence: ScenarioDetail["evidence"]; set: ScenarioDetail["set"] }) {
  const matrixHref = `/scenarios/sets/${encodeURIComponent(set.slug)}`;
  if (evidence === null || evidence.ratedEvidenceCount === 0) {
    return (
      <p>
        No evidence has been rated against this scenario yet. <Link href={matrixHref}>Open the evidence matrix of “{set.title}”</Link> to
        rate statements and events against its scenarios.
      </p>
    );
  }
  return (
    <p>
      Weighted inconsistency <strong className="score">{formatInconsistency(evidence.weightedInconsistency)}</strong> (
      {formatInconsistency(evidence.inconsistency)} unweighted) from {evidence.ratedEvidenceCount}{" "}
      {evidence.ratedEvidenceCount === 1 ? "rated item" : "rated items"}:{" "}
      <strong>{describeInconsistencyRank(evidence.rank, evidence.of)}</strong> in its set.{" "}
      <Link href={matrixHref}>Open the evidence matrix</Link>
    </p>
  );
}
