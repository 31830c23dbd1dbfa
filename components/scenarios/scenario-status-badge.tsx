import type { ScenarioStatusValue } from "@/lib/scenarios/types";
import { scenarioStatusLabels } from "@/lib/scenarios/schemas";

const statusClasses: Record<ScenarioStatusValue, string> = {
  OPEN: "status-badge--open",
  RESOLVED_YES: "status-badge--yes",
  RESOLVED_NO: "status-badge--no",
  WITHDRAWN: "status-badge--withdrawn",
};

/** The status in words; the colour only repeats them. */
export function ScenarioStatusBadge({ status }: { status: ScenarioStatusValue }) {
  return <span className={`status-badge ${statusClasses[status]}`}>{scenarioStatusLabels[status]}</span>;
}
