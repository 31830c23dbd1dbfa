import type { Metadata } from "next";
import Link from "@/components/link";
import { SourceImportForm } from "@/components/source-import-form";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { acceptedExtensions, megabytes } from "@/lib/intake/parse";
import { intakeLimits } from "@/lib/intake/schemas";

export const metadata: Metadata = { title: "Import sources" };
export const dynamic = "force-dynamic";

export default async function ImportSourcesPage() {
  const user = await requirePageUser("/sources/import");
  const canEdit = hasPermission(user, "edit");
  const limits = `Up to ${megabytes(intakeLimits.uploadBytes)} an upload, ${megabytes(intakeLimits.fileBytes)} a file, ${megabytes(intakeLimits.htmlBytes)} an HTML page, ${intakeLimits.sources.toLocaleString("en")} sources.`;

  return (
    <main className="page">
      <p className="breadcrumb">
        <Link href="/sources">← All sources</Link>
      </p>
      <h1 className="page__title">Import sources</h1>
      {canEdit ? (
        <>
          <p className="page__lede">
            Many sources at once. Every item is checked first: if any has a problem, nothing is imported unless you choose to skip the bad
            ones. A text already stored is refused; one that nearly repeats a stored source (wire copy with small edits) is shown for you to
            keep or skip.
          </p>
          <section className="card" aria-label="Import sources">
            <SourceImportForm accept={acceptedExtensions.join(",")} limits={limits} />
          </section>
        </>
      ) : (
        <div className="empty-state">Only analysts and administrators can import sources.</div>
      )}
    </main>
  );
}
