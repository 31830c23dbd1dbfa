import Link from "@/components/link";
import type { ScenarioDetail } from "@/lib/scenarios/types";
import { analystHref } from "../track-record/links";
import { formatProbability } from "./scenario-format";
import styles from "./set-totals.module.css";

/**
 * A mutually exclusive set's scenarios should take probabilities summing to
 * 100 %: each analyst's latest estimates across the set, their total, and
 * the normalised view (each divided by the total) where they do not add up.
 */
export function SetTotals({
  set,
  totals,
  currentId,
}: {
  set: ScenarioDetail["set"];
  totals: NonNullable<ScenarioDetail["setTotals"]>;
  currentId: string;
}) {
  if (totals.length === 0) return <p className="muted">Nobody has estimated the scenarios of this set yet.</p>;
  const inconsistent = totals.filter((analyst) => analyst.inconsistent);
  const cell = (probabilities: Record<string, number> | null, id: string) =>
    probabilities && id in probabilities ? formatProbability(probabilities[id]!) : "—";
  const table = (normalised: boolean) => (
    <div className="table-scroll" tabIndex={0}>
      <table className={styles.table} data-cross-table>
        <caption className="visually-hidden">
          {normalised ? "Each analyst's estimates divided by their total" : "Each analyst's latest estimate on each scenario of the set"}
        </caption>
        <thead>
          <tr>
            <th scope="col">Analyst</th>
            {set.scenarios.map((scenario) => (
              <th scope="col" key={scenario.id} className={`number ${scenario.id === currentId ? styles.current : ""}`}>
                {scenario.id === currentId ? (
                  scenario.title
                ) : (
                  <Link href={`/scenarios/${encodeURIComponent(scenario.slug)}`}>{scenario.title}</Link>
                )}
              </th>
            ))}
            {!normalised && (
              <th scope="col" className="number">
                Total
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {totals.map((analyst) => (
            <tr key={analyst.analystId}>
              <th scope="row">
                <Link href={analystHref(analyst.analystId)}>{analyst.analystName}</Link>
              </th>
              {set.scenarios.map((scenario) => (
                <td key={scenario.id} className="number">
                  {cell(normalised ? analyst.normalised : analyst.probabilities, scenario.id)}
                </td>
              ))}
              {!normalised && (
                <td className={`number ${analyst.inconsistent ? styles.off : ""}`}>
                  {formatProbability(analyst.total)}
                  {analyst.inconsistent && (
                    <span className={styles.flag}>
                      {analyst.missingCount > 0
                        ? ` (${analyst.missingCount} not estimated)`
                        : analyst.total > 1
                          ? " (over 100 %)"
                          : " (under 100 %)"}
                    </span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <>
      <p className={inconsistent.length ? styles.warning : "muted"} data-testid="set-totals-verdict">
        {inconsistent.length === 0
          ? "Every analyst’s estimates across the set sum to 100\u00a0%."
          : `${inconsistent.map((analyst) => analyst.analystName).join(", ")}: estimates across the set do not sum to 100\u00a0%.`}
      </p>
      {table(false)}
      {inconsistent.length > 0 && (
        <details className={styles.normalised}>
          <summary>Normalised view: each estimate divided by the analyst’s total</summary>
          {table(true)}
        </details>
      )}
    </>
  );
}
