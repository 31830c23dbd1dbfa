import Link from "@/components/link";
import type { SourceSummary } from "@/lib/data/sources";
import type { SortLink } from "@/lib/lists/page";
import { formatDay } from "./format";
import styles from "./source-table.module.css";
import badgeStyles from "./badge.module.css";
import { ScrollingTable, numberColumn, sortableColumn } from "./scrolling-table";

/**
 * Every source, newest first. `showOwnProgress` adds the count of statements
 * the reader has not coded yet: only those who code (edit permission) have any.
 */
export function SourceTable({
  sources,
  showOwnProgress,
  sortLinks = {},
}: {
  sources: SourceSummary[];
  showOwnProgress: boolean;
  /** Column headers that sort the list, by the list's sort keys (title, published). */
  sortLinks?: Record<string, SortLink>;
}) {
  return (
    <ScrollingTable
      columns={[
        sortableColumn("Title", sortLinks.title),
        "Publisher",
        sortableColumn("Published", sortLinks.published),
        numberColumn("Statements"),
        showOwnProgress && { heading: "Not yet coded by you", className: `number ${styles.progress}` },
        "Coverage",
      ]}
      className={styles.sourcesTable}
      stackOnPhone
    >
      {sources.map((source) => (
        <tr key={source.id}>
          <td className={styles.title}>
            <Link href={`/sources/${encodeURIComponent(source.id)}`}>{source.title}</Link>
            {source.language !== "en" && <span className="cell-meta">Language: {source.language}</span>}
          </td>
          <td data-label="Publisher">{source.publisher}</td>
          <td className="date" data-label="Published">
            <time dateTime={source.publishedOn}>{formatDay(source.publishedOn)}</time>
          </td>
          <td className="number" data-label="Statements">
            {source.statementCount}
          </td>
          {showOwnProgress && (
            <td className="number" data-label="Not yet coded by you">
              {source.uncodedByMe === 0 ? <span className="muted">0</span> : source.uncodedByMe}
            </td>
          )}
          <td data-label="Coverage">
            {source.nothingToCode ? (
              <span className={`${badgeStyles.badge} ${badgeStyles.neutral}`}>Nothing to code</span>
            ) : source.statementCount === 0 ? (
              // Neither statements nor a "nothing to code" mark: nobody has gone through it yet.
              <span className="muted">Not yet reviewed</span>
            ) : null}
          </td>
        </tr>
      ))}
    </ScrollingTable>
  );
}
