"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActorMergeResult } from "@/lib/data/actor-merges";
import type { ActorView } from "@/lib/data/actors";
import type { ActorChoice } from "./actor-fields";
import { recordHistoryPath } from "./history-links";
import { sendJson } from "./json-request";
import styles from "./actor-merge-form.module.css";

/**
 * Merges this actor (a duplicate, such as a speaker created twice) into
 * another: everything follows the kept actor, and the merge can be undone
 * from its history page, where this leads.
 */
export function ActorMergeForm({ actor, choices }: { actor: ActorView; choices: ActorChoice[] }) {
  const router = useRouter();
  const [intoId, setIntoId] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectId = `actor-${actor.id}-merge-into`;
  const into = choices.find((choice) => choice.id === intoId);

  async function merge() {
    if (!into) {
      setError("Choose the actor to keep.");
      return;
    }
    if (
      !window.confirm(
        `Merge ${actor.name} into ${into.name}? Its statements, codings, events, indicators and speaks-for links move to ${into.name}, its name becomes an alias, and ${actor.name} is deleted. You can undo it from the merge's history.`,
      )
    )
      return;
    setPending(true);
    setError(null);
    const result = await sendJson<ActorMergeResult>("POST", "/api/actors/merges", {
      fromId: actor.id,
      fromVersion: actor.version,
      intoId: into.id,
    });
    if (!result.ok) {
      setPending(false);
      setError(result.error);
      return;
    }
    router.push(`${recordHistoryPath("ActorMerge", actor.id)}?merged=1`);
    router.refresh();
  }

  return (
    <div className={styles.merge}>
      <label className="field__label" htmlFor={selectId}>
        Merge {actor.name} into another actor
      </label>
      <p className="field__hint">For duplicates, such as a speaker created twice under two spellings. The other actor is kept.</p>
      <div className={styles.row}>
        <select id={selectId} value={intoId} onChange={(event) => setIntoId(event.target.value)}>
          <option value="">Choose the actor to keep…</option>
          {choices
            .filter((choice) => choice.id !== actor.id)
            .map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
        </select>
        <button type="button" className="button button--danger" disabled={pending || !intoId} onClick={() => void merge()}>
          {pending ? "Merging…" : "Merge…"}
        </button>
      </div>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
