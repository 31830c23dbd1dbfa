import Link from "@/components/link";
import { pageSizes, listParameterNames } from "@/lib/lists/parameters";
import type { Sort, SortValueType } from "@/lib/lists/keyset";
import { DateFilterInput } from "./date-filter-input";
import styles from "./list-controls.module.css";

export type ListFilterField =
  | { kind: "select"; parameter: string; label: string; options: { value: string; label: string }[]; anyLabel?: string }
  | { kind: "date"; parameter: string; label: string }
  | { kind: "score"; parameter: string; label: string }
  | { kind: "yesNo"; parameter: string; label: string; yesLabel: string; noLabel: string }
  | { kind: "text"; parameter: string; label: string }
  /** A filter set by a link from elsewhere (e.g. one source's codings): kept, shown, not chosen here. */
  | { kind: "fixed"; parameter: string; label: string; valueLabel: string }
  /** Kept from the URL through a filter change, chosen elsewhere on the page (e.g. a tab). */
  | { kind: "hidden"; parameter: string; label: string };

// Labels for the current sort; another sort chosen in the same submit keeps the direction, whatever its words.
const directionLabels: Record<SortValueType, Record<"asc" | "desc", string>> = {
  date: { desc: "Newest first", asc: "Oldest first" },
  number: { desc: "Highest first", asc: "Lowest first" },
  string: { desc: "Z to A", asc: "A to Z" },
};

const scoreOptions = ["-3", "-2", "-1", "0", "+1", "+2", "+3"];

/**
 * Filters, sort and page size of a list, as a plain GET form: the state lives
 * in the URL, so a link reproduces the list and the page works without
 * JavaScript. Applying filters starts again from the first page.
 */
export function ListControls({
  id,
  action,
  fields,
  values,
  sortOptions,
  sort,
  pageSize,
}: {
  id: string;
  action: string;
  fields: ListFilterField[];
  values: Record<string, string | undefined>;
  sortOptions: { key: string; label: string; type: SortValueType }[];
  sort: Sort;
  pageSize: number;
}) {
  const active = fields.filter((field) => field.kind !== "hidden" && values[field.parameter]).length;
  const sortType = sortOptions.find((option) => option.key === sort.key)?.type ?? "date";
  return (
    <form
      method="get"
      action={action}
      className={styles.form}
      aria-label="Filter and sort"
      // The inputs are uncontrolled (defaultValue): a sortable heading or a pager link changes the URL without a
      // new page, so the form is remounted whenever its state changes, or its selects would show the old sort.
      key={JSON.stringify([values, sort.key, sort.direction, pageSize])}
    >
      <fieldset className={styles.fields}>
        <legend className={styles.legend}>Filter{active > 0 ? ` (${active} applied)` : ""}</legend>
        {fields.map((field) => {
          const inputId = `${id}-${field.parameter}`;
          const value = values[field.parameter] ?? "";
          if (field.kind === "hidden")
            return value ? <input key={field.parameter} type="hidden" name={field.parameter} value={value} /> : null;
          if (field.kind === "fixed") {
            if (!value) return null;
            return (
              <div key={field.parameter} className={styles.field}>
                <span className={styles.label}>{field.label}</span>
                <input type="hidden" name={field.parameter} value={value} />
                <span className={styles.fixed}>{field.valueLabel}</span>
              </div>
            );
          }
          return (
            <div key={field.parameter} className={styles.field}>
              <label htmlFor={inputId} className={styles.label}>
                {field.label}
              </label>
              {field.kind === "select" && (
                <select id={inputId} name={field.parameter} defaultValue={value} className={styles.control}>
                  <option value="">{field.anyLabel ?? "Any"}</option>
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              )}
              {field.kind === "date" && (
                // The field shows dates in the browser's format; the readout beside it says it the way the rest of the app does.
                <DateFilterInput id={inputId} name={field.parameter} defaultValue={value} />
              )}
              {field.kind === "score" && (
                <select id={inputId} name={field.parameter} defaultValue={value} className={styles.control}>
                  <option value="">Any</option>
                  {scoreOptions.map((score) => (
                    <option key={score} value={score}>
                      {score.replace("-", "−")}
                    </option>
                  ))}
                </select>
              )}
              {field.kind === "yesNo" && (
                <select id={inputId} name={field.parameter} defaultValue={value} className={styles.control}>
                  <option value="">Either</option>
                  <option value="yes">{field.yesLabel}</option>
                  <option value="no">{field.noLabel}</option>
                </select>
              )}
              {field.kind === "text" && (
                <input id={inputId} type="search" name={field.parameter} defaultValue={value} maxLength={200} className={styles.control} />
              )}
            </div>
          );
        })}
      </fieldset>
      <div className={styles.actions}>
        {sortOptions.length > 1 && (
          <div className={styles.field}>
            <label htmlFor={`${id}-sort`} className={styles.label}>
              Sort by
            </label>
            <select id={`${id}-sort`} name={listParameterNames.sort} defaultValue={sort.key} className={styles.control}>
              {sortOptions.map((option) => (
                <option key={option.key} value={option.key}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className={styles.field}>
          <label htmlFor={`${id}-order`} className={styles.label}>
            Order
          </label>
          <select id={`${id}-order`} name={listParameterNames.direction} defaultValue={sort.direction} className={styles.control}>
            <option value="desc">{directionLabels[sortType].desc}</option>
            <option value="asc">{directionLabels[sortType].asc}</option>
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor={`${id}-size`} className={styles.label}>
            Per page
          </label>
          <select id={`${id}-size`} name={listParameterNames.pageSize} defaultValue={String(pageSize)} className={styles.control}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Apply
        </button>
        {active > 0 && (
          <Link href={action} className={styles.clear}>
            Clear filters
          </Link>
        )}
      </div>
    </form>
  );
}

/** First and next page links of a keyset-paged list (the browser's Back goes to the previous page). */
export function ListPager({ firstHref, nextHref, shown }: { firstHref: string | null; nextHref: string | null; shown: string }) {
  return (
    <nav className={styles.pager} aria-label="Pages">
      <span className={styles.shown}>{shown}</span>
      {firstHref && <Link href={firstHref}>← First page</Link>}
      {nextHref ? (
        <Link href={nextHref} rel="next">
          Next page →
        </Link>
      ) : (
        <span className={styles.end}>End of the list</span>
      )}
    </nav>
  );
}
