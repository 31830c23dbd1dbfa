import type { ReliabilityFigure, ReliabilityReport } from "@/lib/data/reliability";

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

function AlphaCell({ alpha, reason }: { alpha: number | null; reason: string }) {
  if (alpha === null) {
    return (
      <td className="reliability-alpha">
        <strong className="score" aria-label="undefined">
          —
        </strong>
        <span className="cell-meta">{reason}</span>
      </td>
    );
  }
  const verdict = verdictOf(alpha);
  return (
    <td className="reliability-alpha nowrap">
      <strong className="score">{formatAlpha(alpha)}</strong>
      <span className={`verdict verdict--${verdict.tone}`}>{verdict.label}</span>
    </td>
  );
}

/** The one headline figure: alpha over every coded statement × target. */
export function ReliabilityOverall({ figure }: { figure: ReliabilityFigure }) {
  const verdict = figure.alpha === null ? null : verdictOf(figure.alpha);
  return (
    <section className="card" aria-labelledby="reliability-overall-heading">
      <h2 className="card__title" id="reliability-overall-heading">
        Overall
      </h2>
      <p className="card__meta">Every coding toward every target; a unit is one statement toward one target.</p>
      <dl className="reliability-stats">
        <div className="reliability-stat">
          <dt>
            Krippendorff’s <span className="greek">α</span> (ordinal)
          </dt>
          <dd>
            <span className="reliability-stat__value">{figure.alpha === null ? "—" : formatAlpha(figure.alpha)}</span>
            {verdict && <span className={`verdict verdict--${verdict.tone}`}>{verdict.label}</span>}
          </dd>
        </div>
        <div className="reliability-stat">
          <dt>Percent agreement</dt>
          <dd>
            <span className="reliability-stat__value">{formatAgreement(figure.agreement)}</span>
            <span className="cell-meta">
              {figure.agreement.agreeingUnits} of {figure.agreement.units} unit{figure.agreement.units === 1 ? "" : "s"} scored identically
            </span>
          </dd>
        </div>
        <div className="reliability-stat">
          <dt>Units compared</dt>
          <dd>
            <span className="reliability-stat__value">{figure.units}</span>
            <span className="cell-meta">
              coded by two or more coders; {figure.pairableValues} coding{figure.pairableValues === 1 ? "" : "s"} in them
            </span>
          </dd>
        </div>
        <div className="reliability-stat">
          <dt>Coders</dt>
          <dd>
            <span className="reliability-stat__value">{figure.coders}</span>
          </dd>
        </div>
      </dl>
      {figure.alpha === null && <p className="reliability-reason">Alpha is undefined: {undefinedAlphaReason(figure.units)}</p>}
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
        <div className="table-scroll">
          <table className="reliability-table">
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">
                  <span className="greek">α</span> (ordinal)
                </th>
                <th scope="col" className="number">
                  Units
                </th>
                <th scope="col" className="number">
                  Codings
                </th>
                <th scope="col" className="number">
                  Coders
                </th>
                <th scope="col" className="number">
                  Agreement
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.map((figure) => (
                <tr key={figure.targetId}>
                  <th scope="row" className="reliability-table__name">
                    {figure.targetName}
                  </th>
                  <AlphaCell alpha={figure.alpha} reason={undefinedAlphaReason(figure.units, figure.targetName)} />
                  <td className="number">{figure.units}</td>
                  <td className="number">{figure.pairableValues}</td>
                  <td className="number">{figure.coders}</td>
                  <td className="number">
                    {formatAgreement(figure.agreement)}
                    {figure.agreement.proportion !== null && (
                      <span className="cell-meta">
                        {figure.agreement.agreeingUnits} of {figure.agreement.units}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
        <div className="table-scroll">
          <table className="reliability-table">
            <thead>
              <tr>
                <th scope="col">Coders</th>
                <th scope="col">
                  <span className="greek">α</span> (ordinal)
                </th>
                <th scope="col" className="number">
                  Units in common
                </th>
                <th scope="col" className="number">
                  Codings
                </th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((pair) => (
                <tr key={pair.coders.join(":")}>
                  <th scope="row" className="reliability-table__name">
                    {pair.coderNames[0]} and {pair.coderNames[1]}
                  </th>
                  <AlphaCell
                    alpha={pair.alpha}
                    reason={pair.units === 0 ? "These two coders have not coded any statement toward the same target." : noVariation}
                  />
                  <td className="number">{pair.units}</td>
                  <td className="number">{pair.pairableValues}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
