import { describeScore, formatScore } from "@/lib/codings/scale";
import { stanceCellColours } from "@/lib/dashboard/colour-scale";
import { formatMean, formatWindow } from "@/lib/dashboard/summary";
import type { MatrixCell, StanceMatrix } from "@/lib/dashboard/types";
import styles from "./stance-matrix.module.css";

function ChangeFromPrevious({ cell }: { cell: MatrixCell }) {
  if (cell.change === null) {
    if (cell.mean !== null)
      return (
        <span className={styles.change}>
          new<span className="visually-hidden">: no statements in the previous window</span>
        </span>
      );
    if (cell.previousMean !== null) return <span className={styles.change}>was {formatMean(cell.previousMean)}</span>;
    return null;
  }
  const rounded = Math.round(cell.change * 10) / 10;
  // The arrow is decoration; screen readers hear the words.
  const arrow = rounded > 0 ? "▲" : rounded < 0 ? "▼" : "=";
  const words = rounded > 0 ? "up" : rounded < 0 ? "down" : "unchanged";
  return (
    <span className={styles.change}>
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
      <td className={`${styles.cell} ${styles.cellEmpty}`}>
        <span className={styles.mean}>
          <span aria-hidden="true">—</span>
          <span className="visually-hidden">no statements</span>
        </span>
        <ChangeFromPrevious cell={cell} />
      </td>
    );
  const colours = stanceCellColours(cell.mean);
  return (
    <td className={styles.cell} style={{ backgroundColor: colours.background, color: colours.text }}>
      <span className={styles.mean} title={describeScore(Math.round(cell.mean))}>
        {formatMean(cell.mean)}
      </span>
      <ChangeFromPrevious cell={cell} />
      {cell.codingCount > 0 && <span className={styles.count}>n = {cell.codingCount}</span>}
    </td>
  );
}

/** The diverging scale, as swatches a reader can match cells against. */
export function StanceColourLegend() {
  const scores = [-3, -2, -1, 0, 1, 2, 3];
  return (
    <figure className={styles.colourLegend}>
      <figcaption className={styles.colourLegendCaption}>Colour: mean stance</figcaption>
      <ol className={styles.colourLegendScale}>
        {scores.map((score) => {
          const colours = stanceCellColours(score);
          return (
            <li key={score} className={styles.colourLegendStep} style={{ backgroundColor: colours.background, color: colours.text }}>
              <strong>{formatScore(score)}</strong> <span className="visually-hidden-on-phone">{describeScore(score)}</span>
            </li>
          );
        })}
      </ol>
      {/* On a phone the steps give their numbers alone (the words stay for screen readers), and the ends say which
          way the scale runs: seven words broken across four narrow columns read as neither. */}
      <p className={styles.colourLegendEnds} aria-hidden="true">
        <span>← {describeScore(-3).toLowerCase()}</span>
        <span>{describeScore(3).toLowerCase()} →</span>
      </p>
      <p className={styles.colourLegendEmpty}>
        <span className={`${styles.colourLegendSwatch} ${styles.cellEmpty}`} aria-hidden="true" /> no statements in the window
      </p>
    </figure>
  );
}

// One matrix on a page.
const captionId = "stance-matrix-caption";

/** Every speaker's mean stance toward every target in the window, with the change from the window before. */
export function StanceMatrixTable({ matrix }: { matrix: StanceMatrix }) {
  if (matrix.rows.length === 0) return <div className="empty-state">No speaker has statements toward these targets in the window.</div>;
  return (
    <>
      {/* Above the scrolling box rather than a <caption>, which is as wide as the table and, on a phone, cut off
          at the screen's edge until scrolled. */}
      <p id={captionId} className={styles.caption}>
        Mean stance {formatWindow(matrix.window)};{" "}
        {matrix.previousWindow ? <>▲▼ change from {formatWindow(matrix.previousWindow)}</> : "no days before it to compare with"}; n =
        codings
      </p>
      <div className={`table-scroll ${styles.stanceMatrixScroll}`} tabIndex={0}>
        <table className={styles.stanceMatrix} aria-labelledby={captionId} data-cross-table>
          <thead>
            <tr>
              <th scope="col">Speaker</th>
              {matrix.targets.map((target) => (
                <th scope="col" key={target.id} className={styles.target}>
                  {target.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row) => (
              <tr key={row.speaker.id}>
                <th scope="row" className={styles.speaker}>
                  {row.speaker.name}
                </th>
                {matrix.targets.map((target) => {
                  const cell = row.cells.find((candidate) => candidate.targetId === target.id);
                  return cell ? (
                    <MatrixCellContent key={target.id} cell={cell} />
                  ) : (
                    <td key={target.id} className={`${styles.cell} ${styles.cellEmpty}`}>
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
