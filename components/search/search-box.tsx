import styles from "./search-box.module.css";

/** The header's search: a plain GET form, so it works before (and without) JavaScript. */
export function SearchBox({ defaultValue = "" }: { defaultValue?: string }) {
  return (
    <form action="/search" method="get" role="search" className={styles.form}>
      <label htmlFor="site-search" className={styles.label}>
        Search
      </label>
      <input
        id="site-search"
        name="q"
        type="search"
        className={styles.input}
        defaultValue={defaultValue}
        placeholder="Quotes, sources, actors"
        maxLength={200}
        autoComplete="off"
      />
    </form>
  );
}
