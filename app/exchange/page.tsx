import type { Metadata } from "next";
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
        One row per coding, with its statement and provenance: source, URL, character offsets, coder and coded date. JSON Lines field names
        follow PLOVER where it has one (actor, recipient, date, text, coder, coded_date, comment).
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
    </main>
  );
}
