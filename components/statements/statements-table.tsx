import Link from "@/components/link";
import type { StatementView } from "@/lib/data/statements";
import type { SortLink } from "@/lib/lists/page";
import { channelLabels, statementFormLabels } from "@/lib/statements/schemas";
import { DateTimeCell } from "../date-time-cell";
import { formatSaidOn, truncate } from "../format";
import { SortableHeader } from "../lists/sortable-header";
import quoteColumn from "../quote-column.module.css";
import styles from "./statements-table.module.css";

/**
 * A page of statements; each quote opens the statement in its source. Column
 * headers sort the list when `sortLinks` names them (the list's sort keys).
 */
export function StatementsTable({ statements, sortLinks = {} }: { statements: StatementView[]; sortLinks?: Record<string, SortLink> }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className={`${styles.statementsTable} stack-on-phone`} data-testid="statements-table">
        <thead>
          <tr>
            <th scope="col">Statement</th>
            <th scope="col">Speaker</th>
            <SortableHeader label="Said" sort={sortLinks.said} />
            <th scope="col">Source</th>
            <th scope="col">Form and channel</th>
            <th scope="col" className="number">
              Codings
            </th>
            <SortableHeader label="Added" sort={sortLinks.added} />
          </tr>
        </thead>
        <tbody>
          {statements.map((statement) => (
            <tr key={statement.id}>
              <td className={quoteColumn.statement}>
                <Link
                  href={`/sources/${encodeURIComponent(statement.source.id)}#statement-${encodeURIComponent(statement.id)}`}
                  className="quote"
                  title={statement.quote}
                >
                  “{truncate(statement.quote, 110)}”
                </Link>
              </td>
              <td data-label="Speaker">{statement.speaker.name}</td>
              <td className="date" data-label="Said">
                <time dateTime={statement.saidOn}>{formatSaidOn(statement.saidOn, statement.saidOnPrecision)}</time>
              </td>
              <td data-label="Source">
                <Link href={`/sources/${encodeURIComponent(statement.source.id)}`}>{truncate(statement.source.title, 80)}</Link>
              </td>
              <td data-label="Form">
                {statementFormLabels[statement.form]}
                <span className="cell-meta">{channelLabels[statement.channel]}</span>
              </td>
              <td className="number" data-label="Codings">
                {statement.codingCount === 0 ? <span className="muted">0</span> : statement.codingCount}
              </td>
              <DateTimeCell iso={statement.createdAt} label="Added" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
