"use client";

import Link from "@/components/link";
import styles from "./message-card.module.css";

// Only a generic sentence and the digest (which matches the server's log line):
// an error's message or stack could reveal internals, so neither is shown.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <main className="page page--narrow">
      <section className={`card ${styles.messageCard}`} aria-labelledby="error-heading">
        <h1 className="page__title" id="error-heading">
          Something went wrong
        </h1>
        <p>This page could not be shown because of a problem on our side. Please try again in a moment.</p>
        {digest && (
          <p className="card__meta">
            If it keeps happening, give an administrator this reference: <code>{digest}</code>
          </p>
        )}
        <div className="form__actions">
          <button type="button" className="button button--primary" onClick={() => retry()}>
            Try again
          </button>
          <Link href="/" className="button">
            Go to the overview
          </Link>
        </div>
      </section>
    </main>
  );
}
