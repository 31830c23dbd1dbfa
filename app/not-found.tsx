import Link from "@/components/link";
import styles from "./message-card.module.css";

export default function NotFound() {
  return (
    <main className="page page--narrow">
      <section className={`card ${styles.messageCard}`} aria-labelledby="not-found-heading">
        <h1 className="page__title" id="not-found-heading">
          Not found
        </h1>
        <p>There is nothing at this address. What you were looking for may have been deleted, or the link may be mistyped.</p>
        <div className="form__actions">
          <Link href="/" className="button button--primary">
            Go to the overview
          </Link>
          <Link href="/codings" className="button">
            All codings
          </Link>
        </div>
      </section>
    </main>
  );
}
