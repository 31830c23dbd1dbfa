import { describeScore, formatScore } from "@/lib/codings/scale";
import { stanceCellColours } from "@/lib/dashboard/colour-scale";
import { formatMean, formatWindow } from "@/lib/dashboard/summary";
import type { MatrixCell, StanceMatrix } from "@/lib/dashboard/types";

function ChangeFromPrevious({ cell }: { cell: MatrixCell }) {
  if (cell.change === null) {
    if (cell.mean !== null)
      return (
        <span className="stance-matrix__change">
          new<span className="visually-hidden">: no statements in the previous window</span>
        </span>
      );
    if (cell.previousMean !== null) return <span className="stance-matrix__change">was {formatMean(cell.previousMean)}</span>;
    return null;
  }
  const rounded = Math.round(cell.change * 10) / 10;
  // The arrow is decoration; screen readers hear the words.
  const arrow = rounded > 0 ? "▲" : rounded < 0 ? "▼" : "=";
  const words = rounded > 0 ? "up" : rounded < 0 ? "down" : "unchanged";
  return (
    <span className="stance-matrix__change">
      <span aria-hidden="true">
        {arrow} {formatMean(rounded)}
      </span>
      <span className="visually-hidden">
        {words}
        {rounded === 0 ? "" : ` ${Math.abs(rounded).toFixed(1)}`} from {formatMean(cell.previousMean ?? 0)}
      </span>
    </span>
  );
}

function MatrixCellContent({ cell }: { cell: MatrixCell }) {
  // Empty cells are hatched rather than coloured: a neutral mean is near white, and must not read as "no statements".
  if (cell.mean === null)
    return (
      <td className="stance-matrix__cell stance-matrix__cell--empty">
        <span className="stance-matrix__mean">
          <span aria-hidden="true">—</span>
          <span className="visually-hidden">no statements</span>
        </span>
        <ChangeFromPrevious cell={cell} />
      </td>
    );
  const colours = stanceCellColours(cell.mean);
  return (
    <td className="stance-matrix__cell" style={{ backgroundColor: colours.background, color: colours.text }}>
      <span className="stance-matrix__mean" title={describeScore(Math.round(cell.mean))}>
        {formatMean(cell.mean)}
      </span>
      <ChangeFromPrevious cell={cell} />
      {cell.codingCount > 0 && <span className="stance-matrix__count">n = {cell.codingCount}</span>}
    </td>
  );
}

/** The diverging scale, as swatches a reader can match cells against. */
export function StanceColourLegend() {
  const scores = [-3, -2, -1, 0, 1, 2, 3];
  return (
    <figure className="colour-legend">
      <figcaption className="colour-legend__caption">Colour: mean stance</figcaption>
      <ol className="colour-legend__scale">
        {scores.map((score) => {
          const colours = stanceCellColours(score);
          return (
            <li key={score} className="colour-legend__step" style={{ backgroundColor: colours.background, color: colours.text }}>
              <strong>{formatScore(score)}</strong> {describeScore(score)}
            </li>
          );
        })}
      </ol>
      <p className="colour-legend__empty">
        <span className="colour-legend__swatch stance-matrix__cell--empty" aria-hidden="true" /> no statements in the window
      </p>
    </figure>
  );
}

/** Every speaker's mean stance toward every target in the window, with the change from the window before. */
export function StanceMatrixTable({ matrix }: { matrix: StanceMatrix }) {
  if (matrix.rows.length === 0) return <div className="empty-state">No speaker has statements toward these targets in the window.</div>;
  return (
    <>
      <div className="table-scroll stance-matrix-scroll" tabIndex={0}>
        <table className="stance-matrix">
          <caption className="stance-matrix__caption">
            Mean stance {formatWindow(matrix.window)}; ▲▼ change from {formatWindow(matrix.previousWindow)}; n = codings
          </caption>
          <thead>
            <tr>
              <th scope="col">Speaker</th>
              {matrix.targets.map((target) => (
                <th scope="col" key={target.id} className="stance-matrix__target">
                  {target.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => (
              <tr key={row.speaker.id}>
                <th scope="row" className="stance-matrix__speaker">
                  {row.speaker.name}
                </th>
                {matrix.targets.map((target) => {
                  const cell = row.cells.find((candidate) => candidate.targetId === target.id);
                  return cell ? (
                    <MatrixCellContent key={target.id} cell={cell} />
                  ) : (
                    <td key={target.id} className="stance-matrix__cell stance-matrix__cell--empty">
                      <span aria-hidden="true">—</span>
                      <span className="visually-hidden">no statements</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <StanceColourLegend />
    </>
  );
}
