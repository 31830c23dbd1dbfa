import type { ReactNode } from "react";

// What every list page shows under its filters, written once: the query's
// problem (a filter that cannot be read), then, when the query ran, the
// results card (heading, a line about the list, the table, the pager) or the
// empty state. No state: used by server pages. The look is the base's
// (.alert, .empty-state, .card in app/globals.css), shared with every page.

/** Why the list could not be read (a bad filter in the address), as an alert; nothing when it could. */
export function ListProblem({ problem }: { problem: string | null | undefined }) {
  if (!problem) return null;
  return (
    <div className="alert" role="alert">
      {problem}
    </div>
  );
}

export function ListResults({
  problem,
  rows,
  id,
  heading,
  meta,
  empty,
  emptyIn = "page",
  pager,
  pagerWhenEmpty = false,
  children,
}: {
  problem: string | null | undefined;
  /** The page's rows; absent when the query could not run (the problem says why), and then nothing else is shown. */
  rows: readonly unknown[] | null | undefined;
  /** Names the card's heading: `${id}-heading`. */
  id: string;
  heading: ReactNode;
  /** One line about the list under its heading (what a column counts, the time zone). */
  meta?: ReactNode;
  /** What an empty page says: no more rows, none matching, or none yet. */
  empty: ReactNode;
  /** "page": an empty list is the empty state alone, without the card; "card": the card keeps its heading around it. */
  emptyIn?: "page" | "card";
  /** The ListPager, under the table. */
  pager: ReactNode;
  /** The pager stays under an empty list (a history's first page back, say). */
  pagerWhenEmpty?: boolean;
  /** The table of the rows. */
  children: ReactNode;
}) {
  const emptyState = <div className="empty-state">{empty}</div>;
  return (
    <>
      <ListProblem problem={problem} />
      {rows &&
        (rows.length === 0 && emptyIn === "page" ? (
          emptyState
        ) : (
          <section className="card" aria-labelledby={`${id}-heading`}>
            <h2 className="card__title" id={`${id}-heading`}>
              {heading}
            </h2>
            {meta && <p className="card__meta">{meta}</p>}
            {rows.length === 0 ? emptyState : children}
            {(rows.length > 0 || pagerWhenEmpty) && pager}
          </section>
        ))}
    </>
  );
}
