import type { ReactNode } from "react";
import type { StanceCodingView } from "@/lib/data/codings";
import { confidenceLabels } from "@/lib/codings/labels";
import { formatDateTime } from "./format";
import { scoreWithLabel } from "./score-label";
import detailsListStyles from "./details-list.module.css";

/** A coding read-only, for everyone but its coder. */
export function CodingDetails({ coding, note, actions }: { coding: StanceCodingView; note?: string; actions?: ReactNode }) {
  return (
    <section className="card" aria-labelledby="coding-heading">
      <h2 className="card__title" id="coding-heading">
        Coding toward {coding.target.name}
      </h2>
      <p className="card__meta">
        By {coding.coder.name} · version {coding.version}, saved {formatDateTime(coding.updatedAt)}
      </p>
      {note && <p className="notice">{note}</p>}
      <dl className={detailsListStyles.detailsList}>
        <div>
          <dt>Score</dt>
          <dd>{scoreWithLabel(coding.score)}</dd>
        </div>
        <div>
          <dt>Conditional</dt>
          <dd>{coding.isConditional ? "Yes: it holds only if a condition the speaker named is met" : "No"}</dd>
        </div>
        <div>
          <dt>Confidence</dt>
          <dd>{confidenceLabels[coding.confidence]}</dd>
        </div>
        <div className={detailsListStyles.wide}>
          <dt>Rationale</dt>
          <dd className="prose">{coding.rationale}</dd>
        </div>
      </dl>
      {actions && <div className="form__actions">{actions}</div>}
    </section>
  );
}
