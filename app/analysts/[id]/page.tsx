import type { Metadata } from "next";
import Link from "@/components/link";
import { notFound } from "next/navigation";
import { TrackRecordCalibration, TrackRecordQuestions, TrackRecordSummary } from "@/components/track-record/track-record-view";
import { requirePageUser } from "@/lib/auth/session";
import { getTrackRecord } from "@/lib/data/track-record";
import { NotFoundError } from "@/lib/errors";
import type { TrackRecordView } from "@/lib/scenarios/types";

export const metadata: Metadata = { title: "Track record" };
export const dynamic = "force-dynamic";

export default async function AnalystTrackRecordPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/analysts/${encodeURIComponent(id)}`);
  let record: TrackRecordView;
  try {
    record = await getTrackRecord(user, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  return (
    <main className="page">
      <p className="breadcrumb">
        <Link href="/scenarios">← All scenarios</Link>
      </p>
      <h1 className="page__title">Track record: {record.analyst.name}</h1>
      <p className="page__lede">
        Every resolved scenario {record.analyst.name} forecast. Brier scores run from 0 (perfect) to 2 (certain and wrong); 0.5 is what
        always saying 50&nbsp;% scores. The log score is in bits: 0 perfect, 1 for 50&nbsp;%. Days before the first forecast on a question
        take the team’s median score that day, so entering late neither helps nor hurts; “vs team median” compares the days with a forecast
        only, and below zero is better than the team.
      </p>
      <div className="stack">
        <section className="card" aria-labelledby="track-record-summary-heading">
          <h2 className="card__title" id="track-record-summary-heading">
            Scores
          </h2>
          <TrackRecordSummary record={record} />
          <TrackRecordQuestions record={record} />
        </section>
        {record.summary && (
          <section className="card" aria-labelledby="track-record-calibration-heading">
            <h2 className="card__title" id="track-record-calibration-heading">
              Calibration
            </h2>
            <p className="card__meta">
              Forecasts grouped in 10-point bins: how often did what was forecast at 70&nbsp;% come about? Each question weighs the same,
              spread over the days the forecast stood.
            </p>
            <TrackRecordCalibration record={record} />
          </section>
        )}
      </div>
    </main>
  );
}
