import Link from "next/link";
import type { SourceSummary } from "@/lib/data/sources";
import { formatDay } from "./format";
import styles from "./source-table.module.css";
import badgeStyles from "./badge.module.css";

/**
 * Every source, newest first. `showOwnProgress` adds the count of statements
 * the reader has not coded yet: only those who code (edit permission) have any.
 */
export function SourceTable({ sources, showOwnProgress }: { sources: SourceSummary[]; showOwnProgress: boolean }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className={styles.sourcesTable}>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Publisher</th>
            <th scope="col">Published</th>
            <th scope="col" className="number">
              Statements
            </th>
            {showOwnProgress && (
              <th scope="col" className={`number ${styles.progress}`}>
                Not yet coded by you
              </th>
            )}
            <th scope="col">Coverage</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr key={source.id}>
              <td className={styles.title}>
                <Link href={`/sources/${encodeURIComponent(source.id)}`}>{source.title}</Link>
                {source.language !== "en" && <span className="cell-meta">Language: {source.language}</span>}
              </td>
              <td>{source.publisher}</td>
              <td className="date">
                <time dateTime={source.publishedOn}>{formatDay(source.publishedOn)}</time>
              </td>
              <td className="number">{source.statementCount}</td>
              {showOwnProgress && (
                <td className="number">{source.uncodedByMe === 0 ? <span className="muted">0</span> : source.uncodedByMe}</td>
              )}
              <td>
                {source.nothingToCode ? (
                  <span className={`${badgeStyles.badge} ${badgeStyles.neutral}`}>Nothing to code</span>
                ) : source.statementCount === 0 ? (
                  // Neither statements nor a "nothing to code" mark: nobody has gone through it yet.
                  <span className="muted">Not yet reviewed</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
