import type { IndicatorView } from "@/lib/scenarios/types";
import { formatDay } from "../format";
import { IndicatorSparkline } from "./indicator-sparkline";
import { RecordActionButton } from "./record-action-button";
import { indicatorEffectLabels } from "@/lib/scenarios/labels";
import { formatIndicatorValue, indicatorEffectGlyphs } from "./scenario-format";
import styles from "./indicator-list.module.css";

function triggeredState(triggered: boolean | null): { text: string; className: string | undefined } {
  if (triggered === null) return { text: "No data", className: styles.indicatorStateNone };
  return triggered
    ? { text: "Triggered", className: styles.indicatorStateOn }
    : { text: "Not triggered", className: styles.indicatorStateOff };
}

/** How long the state has held: since its last change, or throughout the history shown. */
function describeSince(indicator: IndicatorView): string | null {
  if (indicator.lastChange) return `since ${formatDay(indicator.lastChange.on)}`;
  const first = indicator.history[0];
  // The server looks further back for changes than the sparkline shows, so "at least" is all that is certain.
  return first ? `unchanged since at least ${formatDay(first.on)}` : null;
}

/** The scenario's signposts, each evaluated as of the page's date, with whether it points toward or away from the scenario. */
export function IndicatorList({ indicators, canEdit }: { indicators: IndicatorView[]; canEdit: boolean }) {
  if (indicators.length === 0) return <p className="muted">No indicators yet.</p>;
  return (
    <ul className={styles.indicators}>
      {indicators.map((indicator) => {
        const state = triggeredState(indicator.triggered);
        const since = describeSince(indicator);
        return (
          <li key={indicator.id} className={styles.indicator}>
            <div className={styles.main}>
              <h3 className={styles.title} id={`indicator-${indicator.id}-title`}>
                {indicator.title}
              </h3>
              <p className={`${styles.effect} ${indicator.effect === "SUPPORTS" ? styles.effectSupports : styles.effectUndermines}`}>
                <span aria-hidden="true">{indicatorEffectGlyphs[indicator.effect]}</span> {indicatorEffectLabels[indicator.effect]}
              </p>
              <p className={styles.rule}>{indicator.description}</p>
            </div>
            <dl className={styles.figures}>
              <div>
                <dt>Now</dt>
                <dd className="score">{formatIndicatorValue(indicator.rule.kind, indicator.value)}</dd>
              </div>
              <div>
                <dt>State</dt>
                <dd>
                  <span className={`${styles.indicatorState} ${state.className}`}>{state.text}</span>
                  {since && <span className="cell-meta">{since}</span>}
                </dd>
              </div>
            </dl>
            <div>
              <IndicatorSparkline indicator={indicator} />
            </div>
            {canEdit && (
              <div className={styles.actions}>
                <RecordActionButton
                  method="DELETE"
                  url={`/api/indicators/${encodeURIComponent(indicator.id)}`}
                  payload={{ version: indicator.version }}
                  label="Delete"
                  pendingLabel="Deleting…"
                  accessibleLabel={`Delete indicator “${indicator.title}”`}
                  confirmMessage={`Delete the indicator “${indicator.title}”? An administrator can restore it from History.`}
                  danger
                />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
