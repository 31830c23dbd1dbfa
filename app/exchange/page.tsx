import type { Metadata } from "next";
import { BundleImportForm } from "@/components/bundle-import-form";
import { ExchangeImportForm } from "@/components/exchange-import-form";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Export and import" };
export const dynamic = "force-dynamic";

export default async function ExchangePage() {
  const user = await requirePageUser("/exchange");
  return (
    <main className="page">
      <h1 className="page__title">Export and import</h1>
      <p className="page__lede">
        One row per coding, with its statement and provenance: source, URL, character offsets, coder, coded date, statement id and
        adjudicated score. JSON Lines field names follow PLOVER where it has one (actor, recipient, date, text, coder, coded_date, comment).
        To move a whole project, use the corpus bundle below.
      </p>
      <section className="card" aria-labelledby="export-heading">
        <h2 className="card__title" id="export-heading">
          Export
        </h2>
        <p className="card__meta">
          Every coding you can see, deleted ones excluded, in a stable order so two exports of the same data are identical.
        </p>
        <div className="form__actions">
          <a className="button button--primary" href="/api/exchange?format=csv" download>
            Download CSV
          </a>
          <a className="button" href="/api/exchange?format=jsonl" download>
            Download JSON Lines
          </a>
        </div>
      </section>
      <section className="card" aria-labelledby="import-heading" style={{ marginTop: "1.25rem" }}>
        <h2 className="card__title" id="import-heading">
          Import
        </h2>
        {hasPermission(user, "administer") ? (
          <>
            <p className="card__meta">
              Codings are added to sources, actors and users already in Stancewatch (matched by text, slug and e-mail). Every row is checked
              first: if any is bad, nothing is imported unless you choose to skip invalid rows. Rows already present are left unchanged.
            </p>
            <ExchangeImportForm />
          </>
        ) : (
          <p className="card__meta">Imports write other coders’ judgements, so only administrators can import.</p>
        )}
      </section>
      <section className="card" aria-labelledby="bundle-heading" style={{ marginTop: "1.25rem" }}>
        <h2 className="card__title" id="bundle-heading">
          Corpus bundle
        </h2>
        <p className="card__meta">
          The whole project in one JSON Lines file: actors (aliases, tracked targets, who speaks for whom), sources, statements, codings,
          adjudications, “no stance” reviews, events, scenario sets and scenarios, estimates, indicators, evidence and its ratings, and the
          codebook versions. Accounts do not travel: people are named by e-mail address, and the installation you import into needs accounts
          with the same addresses.
        </p>
        <div className="form__actions">
          <a className="button button--primary" href="/api/exchange/bundle" download>
            Download corpus bundle
          </a>
        </div>
        {hasPermission(user, "administer") ? (
          <>
            <p className="card__meta">
              Every line is checked first, and every problem is listed with its line. A record already stored with the same values is left
              as it is; one stored with other values is a conflict, and with any conflict nothing is imported unless you choose to skip
              those lines. All of it is imported, or nothing.
            </p>
            <BundleImportForm />
          </>
        ) : (
          <p className="card__meta">Importing a bundle writes every kind of record, so only administrators can import.</p>
        )}
      </section>
    </main>
  );
}
