"use client";

import { useState } from "react";
import { ActorSearchPicker, type ActorChoice } from "./actor-search-picker";
import { StatementCodingForm } from "./statement-coding-form";

/**
 * Coding toward an actor that is not a tracked target (the western diplomats'
 * remark about Iran, when Iran is not tracked): pick any actor, then code as
 * for the tracked rows above.
 */
export function OtherTargetCoding({ statementId, actors, exclude }: { statementId: string; actors: ActorChoice[]; exclude: string[] }) {
  const [open, setOpen] = useState(false);
  const [targetId, setTargetId] = useState<string | null>(null);
  const target = actors.find((actor) => actor.id === targetId) ?? null;

  if (!open)
    return (
      <p>
        <button type="button" className="button button--small" onClick={() => setOpen(true)}>
          Code toward another actor…
        </button>
      </p>
    );
  return (
    <div className="stack stack--tight">
      <ActorSearchPicker
        label="Another target"
        hint="Any actor the statement takes a stance toward; tracked targets are listed above."
        actors={actors}
        exclude={exclude}
        value={targetId}
        onChange={setTargetId}
      />
      {target && <StatementCodingForm key={target.id} statementId={statementId} target={{ id: target.id, name: target.name }} />}
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setOpen(false);
            setTargetId(null);
          }}
        >
          Cancel
        </button>
      </p>
    </div>
  );
}
