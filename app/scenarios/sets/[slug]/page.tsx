import type { Metadata } from "next";
import Link from "@/components/link";
import { notFound } from "next/navigation";
import { AddEvidenceForm } from "@/components/scenarios/add-evidence-form";
import { EvidenceMatrix } from "@/components/scenarios/evidence-matrix";
import { requirePageUser } from "@/lib/auth/session";
import { getEvidenceMatrix } from "@/lib/data/evidence";
import { NotFoundError } from "@/lib/errors";
import type { EvidenceMatrixView } from "@/lib/scenarios/types";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Evidence matrix" };
export const dynamic = "force-dynamic";

export default async function EvidenceMatrixPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePageUser(`/scenarios/sets/${encodeURIComponent(slug)}`);
  let view: EvidenceMatrixView;
  try {
    view = await getEvidenceMatrix(user, slug);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  // A statement or event is a row at most once.
  const statementsInMatrix = new Set(view.rows.flatMap((row) => (row.statement ? [row.statement.id] : [])));
  const eventsInMatrix = new Set(view.rows.flatMap((row) => (row.event ? [row.event.id] : [])));

  return (
    <main className="page">
      <p className="breadcrumb">
        <Link href="/scenarios">← All scenarios</Link>
      </p>
      <h1 className="page__title">Evidence matrix: {view.set.title}</h1>
      <p className="page__lede">{view.set.description}</p>
      <div className="stack">
        <section className="card" aria-labelledby="matrix-heading">
          <h2 className="card__title" id="matrix-heading">
            Evidence against the scenarios
          </h2>
          <p className={styles.matrixExplanation}>
            As in Analysis of Competing Hypotheses (Heuer; scored as Open Source ACH scores it), a scenario is judged by the evidence
            against it: each Inconsistent (I) rating counts 1 point and each Very inconsistent (II) 2, times the evidence’s credibility
            weight (high 2, medium 1, low 0.5); CC, C, N and NA count nothing. The lower a scenario’s weighted inconsistency, the likelier
            it is. Diagnosticity says how far apart a row’s ratings lie (CC +2 to II −2): evidence rated alike for every scenario tells them
            nothing apart.
          </p>
          <EvidenceMatrix view={view} />
        </section>
        {view.canEdit && (
          <section className="card" aria-labelledby="add-evidence-heading">
            <h2 className="card__title" id="add-evidence-heading">
              Add evidence
            </h2>
            <AddEvidenceForm
              setId={view.set.id}
              statementOptions={view.statementOptions.filter((option) => !statementsInMatrix.has(option.id))}
              eventOptions={view.eventOptions.filter((option) => !eventsInMatrix.has(option.id))}
            />
          </section>
        )}
      </div>
    </main>
  );
}
