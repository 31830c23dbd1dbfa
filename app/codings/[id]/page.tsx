import type { Metadata } from "next";
import Link from "@/components/link";
import { notFound } from "next/navigation";
import { CodingDeletionButton } from "@/components/coding-deletion-button";
import { CodingDetails } from "@/components/coding-details";
import { CodingForm } from "@/components/coding-form";
import { StatementCard } from "@/components/statement-card";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { getStanceCoding, type StanceCodingView } from "@/lib/data/codings";
import { NotFoundError } from "@/lib/errors";

export const metadata: Metadata = { title: "Coding" };
export const dynamic = "force-dynamic";

export default async function CodingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/codings/${encodeURIComponent(id)}`);
  let coding: StanceCodingView;
  try {
    coding = await getStanceCoding(user, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const canEdit = hasPermission(user, "edit");
  // Only the coder may change a coding; other analysts are told why they cannot. An administrator may delete it
  // (lib/data/codings.ts, deleteStanceCoding).
  const isOwnCoding = canEdit && coding.coder.id === user.id;
  const canDelete = hasPermission(user, "administer");

  return (
    <main className="page">
      <p className="breadcrumb">
        <Link href="/codings">← All codings</Link>
      </p>
      <h1 className="page__title">
        {coding.statement.speakerName} toward {coding.target.name}
      </h1>
      <p className="page__lede">One coder’s score of one statement toward one target, from −3 (very hostile) to +3 (very conciliatory).</p>
      <div className="stack">
        <StatementCard statement={coding.statement} />
        {isOwnCoding ? (
          <CodingForm coding={coding} />
        ) : (
          <CodingDetails
            coding={coding}
            note={
              canDelete
                ? `Only the coder, ${coding.coder.name}, can change this coding. As an administrator you may delete it (an import’s, say); History keeps it for restoring.`
                : canEdit
                  ? `Only the coder, ${coding.coder.name}, can change this coding.`
                  : undefined
            }
            actions={
              canDelete ? <CodingDeletionButton codingId={coding.id} version={coding.version} coderName={coding.coder.name} /> : undefined
            }
          />
        )}
      </div>
    </main>
  );
}
