import Link from "@/components/link";
import { describeScore, formatScore } from "@/lib/codings/scale";
import { confidenceLabels } from "@/lib/codings/labels";
import type { StanceCodingView } from "@/lib/data/codings";
import type { SortLink } from "@/lib/lists/page";
import { DateTimeCell } from "./date-time-cell";
import { formatDay, formatDateTime, truncate } from "./format";
import quoteColumn from "./quote-column.module.css";
import styles from "./codings-table.module.css";
import { ScrollingTable, actionsColumn, sortableColumn } from "./scrolling-table";

/**
 * Every live coding; each quote opens its coding. `editorId` is the signed-in
 * user's id when they may edit: a coding is one coder's judgement, so only
 * their own rows get an Edit link. Null (viewers) shows no edit controls at all.
 */
export function CodingsTable({
  codings,
  editorId,
  sortLinks = {},
}: {
  codings: StanceCodingView[];
  editorId: string | null;
  /** Column headers that sort the list, by the list's sort keys (said, score, coded). */
  sortLinks?: Record<string, SortLink>;
}) {
  return (
    <ScrollingTable
      columns={[
        "Statement",
        sortableColumn("Said", sortLinks.said),
        "Speaker",
        "Target",
        sortableColumn("Score", sortLinks.score),
        "Confidence",
        "Conditional",
        "Coder",
        sortableColumn("Coded", sortLinks.coded),
        editorId !== null && actionsColumn,
      ]}
      className={styles.codingsTable}
      testId="codings-table"
      stackOnPhone
    >
      {codings.map((coding) => {
        const href = `/codings/${encodeURIComponent(coding.id)}`;
        const own = editorId !== null && coding.coder.id === editorId;
        return (
          <tr key={coding.id}>
            <td className={quoteColumn.statement}>
              <Link href={href} className="quote" title={coding.statement.quote}>
                “{truncate(coding.statement.quote, 110)}”
              </Link>
            </td>
            <td className="date" data-label="Said">
              <time dateTime={coding.statement.saidOn}>{formatDay(coding.statement.saidOn)}</time>
            </td>
            <td data-label="Speaker">{coding.statement.speakerName}</td>
            <td data-label="Target">{coding.target.name}</td>
            <td data-label="Score">
              <strong className="score">{formatScore(coding.score)}</strong>
              <span className="cell-meta">{describeScore(coding.score)}</span>
            </td>
            <td data-label="Confidence">{confidenceLabels[coding.confidence]}</td>
            <td data-label="Conditional">{coding.isConditional ? "Yes" : "No"}</td>
            <td data-label="Coder">
              {coding.coder.name}
              {own && <span className="cell-meta">you</span>}
            </td>
            <DateTimeCell
              iso={coding.createdAt}
              label="Coded"
              // Saved again later (not the moment of creation, when the two stamps differ by milliseconds).
              note={
                Date.parse(coding.updatedAt) - Date.parse(coding.createdAt) > 60_000
                  ? `Changed ${formatDateTime(coding.updatedAt)}`
                  : undefined
              }
            />
            {editorId !== null && (
              <td className="nowrap">
                {own && (
                  <Link href={href}>
                    Edit
                    <span className="visually-hidden">
                      {" "}
                      your coding of {coding.statement.speakerName} toward {coding.target.name}
                    </span>
                  </Link>
                )}
              </td>
            )}
          </tr>
        );
      })}
    </ScrollingTable>
  );
}
