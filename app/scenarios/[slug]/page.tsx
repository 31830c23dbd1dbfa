import type { Metadata } from "next";
import Link from "@/components/link";
import { notFound } from "next/navigation";
import { isCalendarDay } from "@/lib/calendar";
import { formatDay } from "@/components/format";
import { AddIndicatorDisclosure } from "@/components/scenarios/add-indicator-disclosure";
import { BrierScores } from "@/components/scenarios/brier-scores";
import { EstimateForm } from "@/components/scenarios/estimate-form";
import { EstimatesTable } from "@/components/scenarios/estimates-table";
import { EvidenceColumnSummary } from "@/components/scenarios/evidence-column-summary";
import { IndicatorAsOf } from "@/components/scenarios/indicator-as-of";
import { IndicatorList } from "@/components/scenarios/indicator-list";
import { describeProbabilityHistory, estimatesStandUntil, probabilityChartSpan } from "@/components/scenarios/probability-history";
import { LazyProbabilityHistoryChart } from "@/components/scenarios/lazy-probability-history-chart";
import { ProbabilityHistoryTable } from "@/components/scenarios/probability-history-table";
import { ScenarioStatusBadge } from "@/components/scenarios/scenario-status-badge";
import { ScenarioStatusForm } from "@/components/scenarios/scenario-status-form";
import { SetTotals } from "@/components/scenarios/set-totals";
import { requirePageUser } from "@/lib/auth/session";
import { getScenario } from "@/lib/data/scenarios";
import { NotFoundError } from "@/lib/errors";
import type { ScenarioDetail } from "@/lib/scenarios/types";
import styles from "./page.module.css";
import detailsListStyles from "@/components/details-list.module.css";

export const metadata: Metadata = { title: "Scenario" };
export const dynamic = "force-dynamic";

export default async function ScenarioPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ asOf?: string | string[] }>;
}) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const path = `/scenarios/${encodeURIComponent(slug)}`;
  const requestedAsOf = typeof query.asOf === "string" && query.asOf !== "" ? query.asOf : null;
  const asOfIsDate = requestedAsOf !== null && isCalendarDay(requestedAsOf);
  const user = await requirePageUser(asOfIsDate ? `${path}?asOf=${requestedAsOf}` : path);
  let scenario: ScenarioDetail;
  try {
    scenario = await getScenario(user, slug, asOfIsDate ? { asOf: requestedAsOf } : undefined);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  // Calendar dates are UTC throughout Stancewatch, so "today" is too.
  const today = new Date().toISOString().slice(0, 10);
  const standUntil = estimatesStandUntil(scenario.history, scenario, today);
  const span = probabilityChartSpan(scenario.history, scenario.events, standUntil);
  const historySummary = describeProbabilityHistory(scenario.history, scenario.events);
  const matrixHref = `/scenarios/sets/${encodeURIComponent(scenario.set.slug)}`;

  return (
    <main className={`page ${styles.scenarioPage}`}>
      <p className="breadcrumb">
        <Link href="/scenarios">← All scenarios</Link>
      </p>
      <h1 className="page__title">{scenario.title}</h1>
      <p className={styles.scenarioMeta}>
        <ScenarioStatusBadge status={scenario.status} />
        {scenario.resolvedOn && (
          <span>
            Resolved on <time dateTime={scenario.resolvedOn}>{formatDay(scenario.resolvedOn)}</time>
          </span>
        )}
        <span>
          Horizon <time dateTime={scenario.horizonOn}>{formatDay(scenario.horizonOn)}</time>
        </span>
        <span>
          In <Link href={matrixHref}>{scenario.set.title}</Link>
        </span>
      </p>

      <div className="stack">
        <section className="card" aria-labelledby="scenario-about-heading">
          <h2 className="card__title" id="scenario-about-heading">
            The scenario
          </h2>
          <dl className={`${detailsListStyles.detailsList} ${styles.scenarioDetails}`}>
            <div className={detailsListStyles.wide}>
              <dt>Description</dt>
              <dd className="prose">{scenario.description}</dd>
            </div>
            <div className={detailsListStyles.wide}>
              <dt>Resolution criteria</dt>
              <dd className="prose">{scenario.resolutionCriteria}</dd>
            </div>
            {scenario.set.scenarios.length > 1 && (
              <div className={detailsListStyles.wide}>
                <dt>Competing scenarios</dt>
                <dd>
                  <ul className={styles.scenarioSiblings}>
                    {scenario.set.scenarios
                      .filter((sibling) => sibling.id !== scenario.id)
                      .map((sibling) => (
                        <li key={sibling.id}>
                          <Link href={`/scenarios/${encodeURIComponent(sibling.slug)}`}>{sibling.title}</Link>
                        </li>
                      ))}
                  </ul>
                </dd>
              </div>
            )}
          </dl>
          {scenario.canEdit && (
            <ScenarioStatusForm
              key={scenario.version}
              scenarioId={scenario.id}
              version={scenario.version}
              status={scenario.status}
              resolvedOn={scenario.resolvedOn}
              horizonOn={scenario.horizonOn}
              today={today}
              openSiblingCount={
                scenario.set.mutuallyExclusive
                  ? scenario.set.scenarios.filter((sibling) => sibling.id !== scenario.id && sibling.status === "OPEN").length
                  : 0
              }
            />
          )}
        </section>

        <section className="card" aria-labelledby="scenario-history-heading">
          <h2 className="card__title" id="scenario-history-heading">
            Probability history
          </h2>
          <p className={`card__meta ${styles.summary}`}>{historySummary}</p>
          {span !== null && scenario.history.teamMedian.length > 0 ? (
            <>
              <LazyProbabilityHistoryChart
                history={scenario.history}
                events={scenario.events}
                span={span}
                standUntil={standUntil}
                horizonOn={scenario.horizonOn}
                summary={`Probability history of “${scenario.title}”. ${historySummary}`}
              />
              <ProbabilityHistoryTable history={scenario.history} events={scenario.events} />
            </>
          ) : (
            <div className="empty-state">
              <p>No estimates yet{scenario.canEdit && scenario.status === "OPEN" ? ": record the first below." : "."}</p>
            </div>
          )}
        </section>

        {scenario.canEdit && scenario.status === "OPEN" && (
          <section className="card" aria-labelledby="scenario-estimate-heading">
            <h2 className="card__title" id="scenario-estimate-heading">
              Your estimate
            </h2>
            <p className="card__meta">How likely is it, as of today? Say why, and name the statements and events that moved you.</p>
            <EstimateForm
              scenarioId={scenario.id}
              today={today}
              statementOptions={scenario.statementOptions}
              eventOptions={scenario.eventOptions}
            />
          </section>
        )}

        {scenario.setTotals && (
          <section className="card" aria-labelledby="scenario-set-totals-heading">
            <h2 className="card__title" id="scenario-set-totals-heading">
              Across the set
            </h2>
            <p className="card__meta">
              The scenarios of “{scenario.set.title}” are mutually exclusive: each analyst’s estimates should sum to 100&nbsp;%.
            </p>
            <SetTotals set={scenario.set} totals={scenario.setTotals} currentId={scenario.id} />
          </section>
        )}

        <section className="card" aria-labelledby="scenario-estimates-heading">
          <h2 className="card__title" id="scenario-estimates-heading">
            Estimates
          </h2>
          <EstimatesTable estimates={scenario.estimates} canEdit={scenario.canEdit} />
        </section>

        <section className="card" aria-labelledby="scenario-brier-heading">
          <h2 className="card__title" id="scenario-brier-heading">
            Scores: Brier (0–2) and log
          </h2>
          <BrierScores status={scenario.status} brier={scenario.brier} />
        </section>

        <section className="card" aria-labelledby="scenario-indicators-heading">
          <h2 className="card__title" id="scenario-indicators-heading">
            Indicators
          </h2>
          <IndicatorAsOf
            path={path}
            asOf={scenario.asOf}
            asOfReason={scenario.asOfReason}
            invalidRequest={requestedAsOf !== null && !asOfIsDate ? requestedAsOf : null}
          />
          <IndicatorList indicators={scenario.indicators} canEdit={scenario.canEdit} />
          {scenario.canEdit && (
            <AddIndicatorDisclosure className={styles.addIndicator} scenarioId={scenario.id} actors={scenario.actorOptions} />
          )}
        </section>

        <section className="card" aria-labelledby="scenario-evidence-heading">
          <h2 className="card__title" id="scenario-evidence-heading">
            Evidence matrix
          </h2>
          <EvidenceColumnSummary evidence={scenario.evidence} set={scenario.set} />
        </section>
      </div>
    </main>
  );
}
