import type { Metadata } from "next";
import Link from "@/components/link";
import { notFound } from "next/navigation";
import { formatDay } from "@/components/format";
import { NearDuplicatesNotice } from "@/components/near-duplicates-notice";
import { SourceCoverage } from "@/components/source-coverage";
import { SourceWorkspace } from "@/components/source-workspace";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listActors } from "@/lib/data/actors";
import { getSource, listNearDuplicatesOf, type SourceDetail } from "@/lib/data/sources";
import { listTrackedTargets } from "@/lib/data/stance";
import { listStatementSuggestions } from "@/lib/data/suggestions";
import { NotFoundError } from "@/lib/errors";
import { languageName } from "@/lib/sources/languages";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Source" };
export const dynamic = "force-dynamic";

export default async function SourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/sources/${encodeURIComponent(id)}`);
  let source: SourceDetail;
  try {
    source = await getSource(user, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const canEdit = hasPermission(user, "edit");
  const nearDuplicates = await listNearDuplicatesOf(user, id);
  // Speakers, targets and suggestions serve only those who make statements and code them.
  const [actors, targets, suggestions] = canEdit
    ? await Promise.all([listActors(user), listTrackedTargets(user), listStatementSuggestions(user, id)])
    : [[], [], []];
  const speakers = actors
    .map((actor) => ({
      id: actor.id,
      name: actor.name,
      kind: actor.kind,
      office: actor.office,
      speaksForName: actor.speaksFor?.name ?? null,
    }))
    .toSorted((a, b) => a.name.localeCompare(b.name, "en"));

  return (
    <main className="page">
      <p className="breadcrumb">
        <Link href="/sources">← All sources</Link>
      </p>
      <h1 className="page__title">{source.title}</h1>
      <p className={styles.sourceMeta}>
        {source.publisher} · <time dateTime={source.publishedOn}>{formatDay(source.publishedOn)}</time>
        {source.language !== "en" && <> · Language: {languageName(source.language)}</>}
        {source.translationLanguage && <> · Translated into {languageName(source.translationLanguage)}</>}
        {source.url && (
          <>
            {" "}
            ·{" "}
            <a href={source.url} target="_blank" rel="noopener noreferrer">
              Original<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </>
        )}
      </p>
      <div className="stack">
        <NearDuplicatesNotice duplicates={nearDuplicates} canEdit={canEdit} />
        <SourceCoverage
          sourceId={source.id}
          title={source.title}
          statementCount={source.statements.length}
          version={source.version}
          nothingToCode={source.nothingToCode}
          blindCoding={source.blindCoding}
          canEdit={canEdit}
          canAdminister={hasPermission(user, "administer")}
        />
        <SourceWorkspace
          source={{
            id: source.id,
            text: source.text,
            language: source.language,
            publishedOn: source.publishedOn,
            translation: source.translation,
            translationLanguage: source.translationLanguage,
          }}
          statements={source.statements}
          userId={user.id}
          canEdit={canEdit}
          speakers={speakers}
          targets={targets}
          suggestions={suggestions}
        />
      </div>
    </main>
  );
}
