import Link from "next/link";
import { describeScore, formatScore } from "@/lib/codings/scale";
import { confidenceLabels } from "@/lib/codings/schemas";
import type { StanceCodingView } from "@/lib/data/codings";
import { DateTimeCell } from "./date-time-cell";
import { formatDay, truncate } from "./format";
import styles from "./codings-table.module.css";
import { ScrollingTable, actionsColumn } from "./scrolling-table";

/**
 * Every live coding; each quote opens its coding. `editorId` is the signed-in
 * user's id when they may edit: a coding is one coder's judgement, so only
 * their own rows get an Edit link. Null (viewers) shows no edit controls at all.
 */
export function CodingsTable({ codings, editorId }: { codings: StanceCodingView[]; editorId: string | null }) {
  return (
    <ScrollingTable
      columns={[
        "Statement",
        "Speaker",
        "Target",
        "Score",
        "Confidence",
        "Conditional",
        "Coder",
        "Updated",
        editorId !== null && actionsColumn,
      ]}
      className={styles.codingsTable}
      testId="codings-table"
    >
      {codings.map((coding) => {
        const href = `/codings/${encodeURIComponent(coding.id)}`;
        const own = editorId !== null && coding.coder.id === editorId;
        return (
          <tr key={coding.id}>
            <td className={styles.statement}>
              <Link href={href} className="quote" title={coding.statement.quote}>
                “{truncate(coding.statement.quote, 110)}”
              </Link>
              <span className="cell-meta">Said {formatDay(coding.statement.saidOn)}</span>
            </td>
            <td>{coding.statement.speakerName}</td>
            <td>{coding.target.name}</td>
            <td>
              <strong className="score">{formatScore(coding.score)}</strong>
              <span className="cell-meta">{describeScore(coding.score)}</span>
            </td>
            <td>{confidenceLabels[coding.confidence]}</td>
            <td>{coding.isConditional ? "Yes" : "No"}</td>
            <td>
              {coding.coder.name}
              {own && <span className="cell-meta">you</span>}
            </td>
            <DateTimeCell iso={coding.updatedAt} />
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
