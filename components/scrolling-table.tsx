import type { ReactNode } from "react";
import type { SortLink } from "@/lib/lists/page";
import { SortableHeader } from "./lists/sortable-header";

// The frame every list table shares, written once: a box that scrolls sideways
// on a narrow screen and can be reached by keyboard (axe: scrollable-region-
// focusable), the table, its column headings and its body. Rows stay the
// caller's. No state: usable from server pages and client leaves alike.

/** A column heading: its words, or its words and a class ("number" right-aligns the column). */
export type Column = ReactNode | { heading: ReactNode; className?: string } | SortableColumn;

/** A heading that sorts the list by its column (a link, see SortableHeader); without a link, a plain heading. */
type SortableColumn = { sortLabel: string; sort: SortLink | undefined; className?: string };

/** A column the list can be sorted by: `sort` is the list's link for it, if the list sorts. */
export const sortableColumn = (label: string, sort: SortLink | undefined, className?: string): Column => ({
  sortLabel: label,
  sort,
  className,
});

function isSortable(column: Column): column is SortableColumn {
  return typeof column === "object" && column !== null && "sortLabel" in column;
}

/** The heading of a column of per-row buttons: read by screen readers, not shown. */
export const actionsColumn: Column = { heading: <span className="visually-hidden">Actions</span> };

function isHeadingWithClass(column: Column): column is { heading: ReactNode; className?: string } {
  return typeof column === "object" && column !== null && "heading" in column;
}

/** A number column's heading (right-aligned, as its cells are). */
export const numberColumn = (heading: ReactNode): Column => ({ heading, className: "number" });

export function ScrollingTable({
  columns,
  className,
  scrollClassName,
  caption,
  label,
  testId,
  stackOnPhone = false,
  footer,
  children,
}: {
  /** In order; `false` (a column only some people see) is left out. */
  columns: readonly (Column | false)[];
  className?: string;
  /** The scrolling box's class, when it is not the shared `table-scroll`. */
  scrollClassName?: string;
  /** What the table holds, for screen readers (`<caption>`), when the heading above it does not say. */
  caption?: ReactNode;
  /** The table's accessible name, where it has no caption. */
  label?: string;
  testId?: string;
  /** On a phone, each row as a block of labelled cells (`data-label` on each cell; app/globals.css). */
  stackOnPhone?: boolean;
  /** The rows. */
  children: ReactNode;
  /** Rows after the body (a total, the team's line), in `<tfoot>`. */
  footer?: ReactNode;
}) {
  return (
    <div className={scrollClassName ?? "table-scroll"} tabIndex={0}>
      <table
        className={[className, stackOnPhone && "stack-on-phone"].filter(Boolean).join(" ") || undefined}
        aria-label={label}
        data-testid={testId}
      >
        {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns
              .filter((column) => column !== false)
              .map((column, index) =>
                isSortable(column) ? (
                  <SortableHeader key={index} label={column.sortLabel} sort={column.sort} className={column.className} />
                ) : isHeadingWithClass(column) ? (
                  <th key={index} scope="col" className={column.className}>
                    {column.heading}
                  </th>
                ) : (
                  <th key={index} scope="col">
                    {column}
                  </th>
                ),
              )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {footer !== undefined && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}
