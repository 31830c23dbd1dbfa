import Link from "@/components/link";
import type { SortLink } from "@/lib/lists/page";
import styles from "./sortable-header.module.css";

/**
 * A column header that sorts the list by its column: a plain link (the sort
 * lives in the URL, works without JavaScript) with `aria-sort` on the header
 * the list is sorted by. Without a link it is an ordinary header, so the same
 * table serves lists that do not sort (a source's own codings, say).
 */
export function SortableHeader({ label, sort, className }: { label: string; sort?: SortLink; className?: string }) {
  if (!sort)
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  const ariaSort = sort.direction === "asc" ? "ascending" : sort.direction === "desc" ? "descending" : undefined;
  // The arrow shows the current order; the link's name says what clicking does.
  const next = sort.direction === "asc" ? "descending" : sort.direction === "desc" ? "ascending" : null;
  return (
    <th scope="col" className={className} aria-sort={ariaSort}>
      <Link
        href={sort.href}
        className={`${styles.link} ${sort.direction ? styles.active : ""}`}
        aria-label={next ? `${label}, sorted ${ariaSort}; sort ${next}` : `Sort by ${label.toLowerCase()}`}
      >
        {label}
        <span className={styles.arrow} aria-hidden="true">
          {sort.direction === "asc" ? "▲" : sort.direction === "desc" ? "▼" : "↕"}
        </span>
      </Link>
    </th>
  );
}
