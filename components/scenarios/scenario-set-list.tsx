import Link from "@/components/link";
import type { ScenarioSetSummary } from "@/lib/scenarios/types";
import { formatDay } from "../format";
import { formatProbability } from "./scenario-format";
import { ScenarioStatusBadge } from "./scenario-status-badge";
import styles from "./scenario-set-list.module.css";
import { ScrollingTable, numberColumn } from "../scrolling-table";

/** Each set of competing scenarios, with its scenarios' state at a glance. */
export function ScenarioSetList({ sets }: { sets: ScenarioSetSummary[] }) {
  return (
    <div className="stack">
      {sets.map((set) => (
        <section key={set.id} className="card" aria-labelledby={`set-${set.id}-title`}>
          <div className={styles.header}>
            <h2 className="card__title" id={`set-${set.id}-title`}>
              {set.title}
            </h2>
            <Link href={`/scenarios/sets/${encodeURIComponent(set.slug)}`} className={styles.matrixLink}>
              Evidence matrix
              <span className="muted">
                {" "}
                ({set.evidenceCount} {set.evidenceCount === 1 ? "item" : "items"} of evidence)
              </span>
            </Link>
          </div>
          <p className={styles.description}>{set.description}</p>
          {set.scenarios.length === 0 ? (
            <p className="muted">No scenarios in this set yet.</p>
          ) : (
            <ScrollingTable
              columns={["Scenario", "Status", "Horizon", numberColumn("Team median"), numberColumn("Analysts"), numberColumn("Indicators")]}
              className={styles.scenarioTable}
              stackOnPhone
            >
              {set.scenarios.map((scenario) => (
                <tr key={scenario.id}>
                  <td className={styles.scenarioTableTitle}>
                    <Link href={`/scenarios/${encodeURIComponent(scenario.slug)}`}>{scenario.title}</Link>
                  </td>
                  <td data-label="Status">
                    <ScenarioStatusBadge status={scenario.status} />
                    {scenario.resolvedOn && <span className="cell-meta">on {formatDay(scenario.resolvedOn)}</span>}
                  </td>
                  <td className="date" data-label="Horizon">
                    <time dateTime={scenario.horizonOn}>{formatDay(scenario.horizonOn)}</time>
                  </td>
                  <td className="number" data-label="Team median">
                    {scenario.teamMedian === null ? <span className="muted">No estimates</span> : formatProbability(scenario.teamMedian)}
                  </td>
                  <td className="number" data-label="Analysts">
                    {scenario.analystCount}
                  </td>
                  <td className="number" data-label="Indicators">
                    {scenario.indicatorCount}
                  </td>
                </tr>
              ))}
            </ScrollingTable>
          )}
        </section>
      ))}
    </div>
  );
}
