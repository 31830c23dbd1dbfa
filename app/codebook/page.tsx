import type { Metadata } from "next";
import Link from "@/components/link";
import { CodebookForm } from "@/components/codebook-form";
import { CodebookVersionLinks, CodebookView } from "@/components/codebook-view";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { getCodebook } from "@/lib/data/codebook";

export const metadata: Metadata = { title: "Codebook" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ version?: string; publish?: string }> };

export default async function CodebookPage({ searchParams }: Props) {
  const { version: versionParameter, publish } = await searchParams;
  const user = await requirePageUser("/codebook");
  const asked = versionParameter && /^[1-9]\d{0,5}$/.test(versionParameter) ? Number(versionParameter) : undefined;
  const codebook = await getCodebook(user, asked);
  const mayPublish = hasPermission(user, "publish-codebook");
  const latest = codebook.latestNumber ?? 0;

  return (
    <main className="page">
      <h1 className="page__title">Codebook</h1>
      <p className="page__lede">
        How to code a statement’s stance: what each point of the scale means, how to treat conditional and sarcastic statements, and worked
        examples. Each coding records the version in force when it was made, and reliability can be read per version.
      </p>
      <div className="stack">
        {codebook.versions.length > 1 && codebook.version && (
          <CodebookVersionLinks versions={codebook.versions} shown={codebook.version.number} />
        )}
        {codebook.version && codebook.version.number !== latest && (
          <div className="empty-state">
            This is an older version. <Link href="/codebook">Read version {latest}, the one in force.</Link>
          </div>
        )}
        <section className="card">
          {codebook.version ? (
            <CodebookView version={codebook.version} />
          ) : (
            <div className="empty-state">No codebook has been published yet{mayPublish ? ": publish the first version below." : "."}</div>
          )}
        </section>
        {mayPublish &&
          (publish === "1" || !codebook.version ? (
            <section className="card" aria-labelledby="publish-heading">
              <h2 className="card__title" id="publish-heading">
                Publish version {latest + 1}
              </h2>
              <p className="card__meta">
                Starts from version {latest || "—"}. Codings made from now on record the new version; earlier codings keep theirs.
              </p>
              <CodebookForm
                basedOn={latest}
                content={codebook.latestNumber === codebook.version?.number ? (codebook.version?.content ?? null) : null}
              />
            </section>
          ) : (
            <p>
              <Link className="button" href="/codebook?publish=1#publish-heading">
                Publish a new version
              </Link>
            </p>
          ))}
      </div>
    </main>
  );
}
