import { formatScore } from "@/lib/codings/scale";
import {
  minimumUnitsForAlpha,
  scoreScale,
  type AlphaInterval,
  type ReliabilityFigure,
  type ReliabilityReport,
} from "@/lib/data/reliability";
import styles from "./reliability-figures.module.css";
import verdictStyles from "./verdict.module.css";
import { ScrollingTable, numberColumn } from "./scrolling-table";

// Conventional cut-offs (Krippendorff 2004): at or above .800 data are taken as
// reliable; from .667 only tentative conclusions are drawn; below, none.
const reliableFrom = 0.8;
const tentativeFrom = 0.667;

/** "0.812", "−0.125": three decimals, as alpha is usually reported, with a true minus sign. */
export function formatAlpha(alpha: number): string {
  const text = Math.abs(alpha).toFixed(3);
  return alpha < 0 && Number(text) !== 0 ? `−${text}` : text;
}

function verdictOf(alpha: number): { label: string; tone: "good" | "fair" | "poor" } {
  if (alpha >= reliableFrom) return { label: "Reliable", tone: "good" };
  if (alpha >= tentativeFrom) return { label: "Tentative", tone: "fair" };
  return { label: "Unreliable", tone: "poor" };
}

const noVariation = "Every paired coding gives the same score: with no variation, agreement beyond chance cannot be measured.";

/**
 * Why alpha is undefined (the data layer reports null rather than a number it
 * cannot justify): either no unit has two codings to compare, or every paired
 * coding has the same value, so chance agreement is total and alpha is 0 / 0.
 */
export function undefinedAlphaReason(units: number, subject = "any target"): string {
  return units === 0
    ? `No statement has been coded toward ${subject} by two or more coders yet, so there is nothing to compare.`
    : noVariation;
}

function formatAgreement(agreement: ReliabilityFigure["agreement"]): string {
  return agreement.proportion === null ? "—" : `${Math.round(agreement.proportion * 100)}%`;
}

/** "95 % CI 0.594 to 0.882": the bootstrap interval, so a figure on few units is read with its uncertainty. */
export function formatInterval(interval: AlphaInterval): string {
  return `95\u00a0% interval ${formatAlpha(interval.lower)} to ${formatAlpha(interval.upper)}`;
}

function tooFewUnitsText(units: number): string {
  return `Too few units to judge: ${units} of the ${minimumUnitsForAlpha} needed`;
}

// Spelled out where a stacked card on a phone names the column in capitals, which would turn α into Α, a Latin A to the eye.
const alphaLabel = "Alpha (ordinal)";

function AlphaCell({
  alpha,
  reason,
  interval,
  tooFewUnits,
  units,
}: {
  alpha: number | null;
  reason: string;
  interval: AlphaInterval | null;
  tooFewUnits: boolean;
  units: number;
}) {
  if (alpha !== null && tooFewUnits) {
    return (
      <td className={styles.reliabilityAlpha} data-label={alphaLabel}>
        <span className={`${verdictStyles.verdict} ${verdictStyles.few} ${styles.alphaVerdict}`}>Too few units</span>
        <span className="cell-meta">
          {tooFewUnitsText(units)}. <span className={styles.greek}>α</span> {formatAlpha(alpha)}
          {interval && `, ${formatInterval(interval)}`}.
        </span>
      </td>
    );
  }
  if (alpha === null) {
    return (
      <td className={styles.reliabilityAlpha} data-label={alphaLabel}>
        <strong className="score" aria-label="undefined">
          —
        </strong>
        <span className="cell-meta">{reason}</span>
      </td>
    );
  }
  const verdict = verdictOf(alpha);
  return (
    <td className={styles.reliabilityAlpha} data-label={alphaLabel}>
      <strong className="score">{formatAlpha(alpha)}</strong>
      <span className={`${verdictStyles.verdict} ${verdictStyles[verdict.tone]} ${styles.alphaVerdict}`}>{verdict.label}</span>
      {interval && <span className="cell-meta nowrap">{formatInterval(interval)}</span>}
    </td>
  );
}

/** The one headline figure: alpha over every coded statement × target. */
export function ReliabilityOverall({ figure }: { figure: ReliabilityFigure }) {
  const verdict =
    figure.alpha === null ? null : figure.tooFewUnits ? { label: "Too few units", tone: "few" as const } : verdictOf(figure.alpha);
  return (
    <section className="card" aria-labelledby="reliability-overall-heading">
      <h2 className="card__title" id="reliability-overall-heading">
        Overall
      </h2>
      <p className="card__meta">Every coding toward every target; a unit is one statement toward one target.</p>
      <dl className={styles.reliabilityStats}>
        <div className={styles.reliabilityStat}>
          <dt>
            Krippendorff’s <span className={styles.greek}>α</span> (ordinal)
          </dt>
          <dd>
            <span className={styles.value}>{figure.alpha === null ? "—" : formatAlpha(figure.alpha)}</span>
            {verdict && <span className={`${verdictStyles.verdict} ${verdictStyles[verdict.tone]}`}>{verdict.label}</span>}
            {figure.interval && (
              <span className="cell-meta" data-testid="overall-alpha-interval">
                {formatInterval(figure.interval)}
              </span>
            )}
          </dd>
        </div>
        <div className={styles.reliabilityStat}>
          <dt>Percent agreement</dt>
          <dd>
            <span className={styles.value}>{formatAgreement(figure.agreement)}</span>
            <span className="cell-meta">
              {figure.agreement.agreeingUnits} of {figure.agreement.units} unit{figure.agreement.units === 1 ? "" : "s"} scored identically
            </span>
          </dd>
        </div>
        <div className={styles.reliabilityStat}>
          <dt>Within one point</dt>
          <dd>
            <span className={styles.value}>{formatAgreement(figure.withinOnePoint)}</span>
            <span className="cell-meta">
              {figure.withinOnePoint.agreeingUnits} of {figure.withinOnePoint.units} unit{figure.withinOnePoint.units === 1 ? "" : "s"} at
              most one point apart
            </span>
          </dd>
        </div>
        <div className={styles.reliabilityStat}>
          <dt>Units compared</dt>
          <dd>
            <span className={styles.value}>{figure.units}</span>
            <span className="cell-meta">
              coded by two or more coders; {figure.pairableValues} coding{figure.pairableValues === 1 ? "" : "s"} in them
            </span>
          </dd>
        </div>
        <div className={styles.reliabilityStat}>
          <dt>Coders</dt>
          <dd>
            <span className={styles.value}>{figure.coders}</span>
          </dd>
        </div>
      </dl>
      {figure.alpha === null && <p className={styles.reliabilityReason}>Alpha is undefined: {undefinedAlphaReason(figure.units)}</p>}
      {figure.alpha !== null && figure.tooFewUnits && (
        <p className={styles.reliabilityReason}>
          {tooFewUnitsText(figure.units)}: one more coding could move alpha a long way, as the interval shows.
        </p>
      )}
      <p className="cell-meta">
        Intervals are bootstrapped as Hayes and Krippendorff (2007) describe, with a fixed seed so that the same codings always give the
        same interval.
      </p>
    </section>
  );
}

export function ReliabilityPerTarget({ figures }: { figures: ReliabilityReport["perTarget"] }) {
  return (
    <section className="card" aria-labelledby="reliability-targets-heading">
      <h2 className="card__title" id="reliability-targets-heading">
        Per target
      </h2>
      <p className="card__meta">
        Units are statements coded toward the target by two or more coders; agreement is the share of them every coder scored the same.
      </p>
      {figures.length === 0 ? (
        <div className="empty-state">No statement has been coded yet.</div>
      ) : (
        <ScrollingTable
          columns={[
            "Target",
            <>
              <span className={styles.greek}>α</span> (ordinal)
            </>,
            numberColumn("Units"),
            numberColumn("Codings"),
            numberColumn("Coders"),
            numberColumn("Agreement"),
            numberColumn("Within one point"),
          ]}
          className={styles.reliabilityTable}
          stackOnPhone
        >
          {figures.map((figure) => (
            <tr key={figure.targetId}>
              <th scope="row" className={styles.name}>
                {figure.targetName}
              </th>
              <AlphaCell
                alpha={figure.alpha}
                reason={undefinedAlphaReason(figure.units, figure.targetName)}
                interval={figure.interval}
                tooFewUnits={figure.tooFewUnits}
                units={figure.units}
              />
              <td className="number" data-label="Units">
                {figure.units}
              </td>
              <td className="number" data-label="Codings">
                {figure.pairableValues}
              </td>
              <td className="number" data-label="Coders">
                {figure.coders}
              </td>
              <td className="number" data-label="Agreement">
                {formatAgreement(figure.agreement)}
                {figure.agreement.proportion !== null && (
                  <span className="cell-meta">
                    {figure.agreement.agreeingUnits} of {figure.agreement.units}
                  </span>
                )}
              </td>
              <td className="number" data-label="Within one point">
                {formatAgreement(figure.withinOnePoint)}
              </td>
            </tr>
          ))}
        </ScrollingTable>
      )}
    </section>
  );
}

export function ReliabilityPerPair({ pairs }: { pairs: ReliabilityReport["perPair"] }) {
  return (
    <section className="card" aria-labelledby="reliability-pairs-heading">
      <h2 className="card__title" id="reliability-pairs-heading">
        Per pair of coders
      </h2>
      <p className="card__meta">
        Each pair over the statements both coded toward the same target: a low figure points to two coders reading the scale differently.
      </p>
      {pairs.length === 0 ? (
        <div className="empty-state">No two coders have coded the same statement toward the same target yet.</div>
      ) : (
        <ScrollingTable
          columns={[
            "Coders",
            <>
              <span className={styles.greek}>α</span> (ordinal)
            </>,
            numberColumn("Units in common"),
            numberColumn("Codings"),
            numberColumn("Within one point"),
          ]}
          className={styles.reliabilityTable}
          stackOnPhone
        >
          {pairs.map((pair) => (
            <tr key={pair.coders.join(":")}>
              <th scope="row" className={styles.name}>
                {pair.coderNames[0]} and {pair.coderNames[1]}
              </th>
              <AlphaCell
                alpha={pair.alpha}
                reason={pair.units === 0 ? "These two coders have not coded any statement toward the same target." : noVariation}
                interval={pair.interval}
                tooFewUnits={pair.tooFewUnits}
                units={pair.units}
              />
              <td className="number" data-label="Units in common">
                {pair.units}
              </td>
              <td className="number" data-label="Codings">
                {pair.pairableValues}
              </td>
              <td className="number" data-label="Within one point">
                {formatAgreement(pair.withinOnePoint)}
              </td>
            </tr>
          ))}
        </ScrollingTable>
      )}
      {pairs.map((pair) => (
        <ConfusionMatrix key={pair.coders.join(":")} pair={pair} />
      ))}
    </section>
  );
}

/** How two coders' scores cross: mass off the diagonal on one side means one of them scores higher. */
function ConfusionMatrix({ pair }: { pair: ReliabilityReport["perPair"][number] }) {
  const [first, second] = pair.coderNames;
  return (
    <details className={styles.confusion}>
      <summary>
        Scores of {first} against {second} ({pair.units} unit{pair.units === 1 ? "" : "s"})
      </summary>
      <div className="table-scroll" tabIndex={0}>
        <table className={styles.confusionTable} data-cross-table>
          <caption className="visually-hidden">
            Rows: {first}’s score; columns: {second}’s score; cells: statements
          </caption>
          <thead>
            <tr>
              <th scope="col">
                {first} ↓ / {second} →
              </th>
              {scoreScale.map((score) => (
                <th scope="col" key={score} className="number">
                  {formatScore(score)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {scoreScale.map((rowScore, row) => (
              <tr key={rowScore}>
                <th scope="row" className="number">
                  {formatScore(rowScore)}
                </th>
                {scoreScale.map((columnScore, column) => {
                  const count = pair.confusion[row]![column]!;
                  return (
                    <td key={columnScore} className={`number ${row === column ? styles.diagonal : ""} ${count === 0 ? styles.empty : ""}`}>
                      {count}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function formatDeviation(value: number): string {
  const text = Math.abs(value).toFixed(2);
  if (Number(text) === 0) return "0.00";
  return `${value < 0 ? "−" : "+"}${text}`;
}

/** Each coder against the adjudicated value, or the unit's median coding where none was settled. */
export function ReliabilityCoderDeviations({ deviations }: { deviations: ReliabilityReport["coderDeviations"] }) {
  const compared = deviations.filter((deviation) => deviation.units > 0);
  return (
    <section className="card" aria-labelledby="reliability-coders-heading">
      <h2 className="card__title" id="reliability-coders-heading">
        Per coder
      </h2>
      <p className="card__meta">
        Each coder’s mean difference from the adjudicated score, or from the median of the unit’s codings where none was settled: above zero
        scores warmer than the reference, below zero colder.
      </p>
      {compared.length === 0 ? (
        <div className="empty-state">
          No statement has been coded by two coders or adjudicated yet, so there is no reference to compare with.
        </div>
      ) : (
        <ScrollingTable
          columns={["Coder", numberColumn("Mean difference"), numberColumn("Mean absolute difference"), numberColumn("Units")]}
          className={styles.reliabilityTable}
          stackOnPhone
        >
          {compared.map((deviation) => (
            <tr key={deviation.coderId}>
              <th scope="row" className={styles.name}>
                {deviation.coderName}
              </th>
              <td className="number" data-label="Mean difference">
                {formatDeviation(deviation.meanDeviation!)}
              </td>
              <td className="number" data-label="Mean absolute difference">
                {deviation.meanAbsoluteDeviation!.toFixed(2)}
              </td>
              <td className="number" data-label="Units">
                {deviation.units}
              </td>
            </tr>
          ))}
        </ScrollingTable>
      )}
    </section>
  );
}
