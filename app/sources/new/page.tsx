import type { Metadata } from "next";
import Link from "@/components/link";
import { SourceForm } from "@/components/source-form";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import styles from "@/components/source-form.module.css";

export const metadata: Metadata = { title: "Add source" };
export const dynamic = "force-dynamic";

export default async function NewSourcePage() {
  const user = await requirePageUser("/sources/new");
  const canEdit = hasPermission(user, "edit");

  return (
    <main className="page">
      <p className="breadcrumb">
        <Link href="/sources">← All sources</Link>
      </p>
      <h1 className="page__title">Add source</h1>
      {canEdit ? (
        <>
          <p className="page__lede">
            A source is stored once: the same text cannot be added twice. After saving, select the statements in it and code them.
          </p>
          <section className={`card ${styles.sourceForm}`} aria-label="New source">
            <SourceForm />
          </section>
        </>
      ) : (
        <div className="empty-state">Only analysts and administrators can add sources.</div>
      )}
    </main>
  );
}
