import type { Metadata } from "next";
import Link from "next/link";
import { SourceTable } from "@/components/source-table";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listSources } from "@/lib/data/sources";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Sources" };
export const dynamic = "force-dynamic";

export default async function SourcesPage() {
  const user = await requirePageUser("/sources");
  const sources = await listSources(user);
  const canEdit = hasPermission(user, "edit");

  return (
    <main className="page">
      <div className="page__header">
        <div>
          <h1 className="page__title">Sources</h1>
          <p className="page__lede">
            The documents statements are cut from: articles, transcripts, official statements. Open one to read it with its statements
            highlighted{canEdit ? ", add statements and code them" : " and see how they were coded"}.
          </p>
        </div>
        {canEdit && (
          <div className={styles.actions}>
            <Link href="/sources/import" className="button">
              Import many
            </Link>
            <Link href="/sources/new" className="button button--primary">
              Add source
            </Link>
          </div>
        )}
      </div>
      {sources.length === 0 ? (
        <div className="empty-state">
          No sources yet.{canEdit ? " Add the first: paste an article’s full text and mark the statements in it." : ""}
        </div>
      ) : (
        <section className="card" aria-labelledby="sources-heading">
          <h2 className="card__title" id="sources-heading">
            {sources.length} source{sources.length === 1 ? "" : "s"}
          </h2>
          <p className="card__meta">
            Newest first.{canEdit ? " “Not yet coded by you” counts the statements you have not coded toward any target." : ""}
          </p>
          <SourceTable sources={sources} showOwnProgress={canEdit} />
        </section>
      )}
    </main>
  );
}
