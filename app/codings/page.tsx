import type { Metadata } from "next";
import { CodingsTable } from "@/components/codings-table";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listStanceCodingsForReview } from "@/lib/data/codings";

export const metadata: Metadata = { title: "Codings" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CodingsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("/codings");
  const [codings, params] = await Promise.all([listStanceCodingsForReview(user), searchParams]);
  const canEdit = hasPermission(user, "edit");
  // Set by the coding form after a deletion, so the result of the action is visible here.
  const deleted = params.deleted !== undefined;

  return (
    <main className="page">
      <h1 className="page__title">Codings</h1>
      <p className="page__lede">
        Every coded statement, newest statement first. A coding is one coder’s score of one statement toward one target, from −3 (very
        hostile) to +3 (very conciliatory).{canEdit ? " You can edit the codings you made." : ""}
      </p>
      {deleted && (
        <div className="notice" role="status">
          The coding was deleted. An administrator can restore it from History.
        </div>
      )}
      {codings.length === 0 ? (
        <div className="empty-state">No statements have been coded yet.</div>
      ) : (
        <section className="card" aria-labelledby="codings-heading">
          <h2 className="card__title" id="codings-heading">
            {codings.length} coding{codings.length === 1 ? "" : "s"}
          </h2>
          <p className="card__meta">Times are in UTC.</p>
          <CodingsTable codings={codings} editorId={canEdit ? user.id : null} />
        </section>
      )}
    </main>
  );
}
