import type { ScenarioStatusValue } from "@/lib/scenarios/types";
import { scenarioStatusLabels } from "@/lib/scenarios/labels";
import styles from "./scenario-status-badge.module.css";

const statusClasses: Record<ScenarioStatusValue, string | undefined> = {
  OPEN: styles.open,
  RESOLVED_YES: styles.yes,
  RESOLVED_NO: styles.no,
  WITHDRAWN: styles.withdrawn,
};

/** The status in words; the colour only repeats them. */
export function ScenarioStatusBadge({ status, className }: { status: ScenarioStatusValue; className?: string }) {
  return (
    <span className={[styles.statusBadge, statusClasses[status], className].filter(Boolean).join(" ")}>{scenarioStatusLabels[status]}</span>
  );
}
