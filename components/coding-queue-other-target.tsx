"use client";

import { useState } from "react";
import type { ActorView } from "@/lib/data/actors";
import type { TrackedTarget } from "@/lib/data/stance";
import { ActorSearchPicker, type ActorChoice } from "./actor-search-picker";
import styles from "./coding-queue-other-target.module.css";

type Loaded = { state: "idle" } | { state: "loading" } | { state: "failed"; message: string } | { state: "loaded"; actors: ActorChoice[] };

function toChoices(body: unknown): ActorChoice[] | null {
  if (!Array.isArray(body)) return null;
  return (body as ActorView[])
    .filter((actor) => typeof actor?.id === "string" && typeof actor.name === "string")
    .map((actor) => ({ id: actor.id, name: actor.name, detail: actor.office ?? actor.speaksFor?.name ?? null }));
}

/**
 * Adds a row toward any actor (not only the tracked targets) to the queue's
 * current statement. The actors are read from `GET /api/actors` when the coder
 * first asks, so the queue page itself stays as light as before; the new row
 * is then scored, saved and undone with the tracked ones.
 */
export function QueueOtherTarget({
  exclude,
  onAdd,
  disabled,
}: {
  /** The speaker and the targets already shown. */
  exclude: string[];
  onAdd: (target: TrackedTarget) => void;
  disabled: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>({ state: "idle" });
  const [chosen, setChosen] = useState<string | null>(null);

  async function load() {
    setLoaded({ state: "loading" });
    try {
      const response = await fetch("/api/actors", { headers: { Accept: "application/json" }, credentials: "same-origin" });
      const actors = response.ok ? toChoices(await response.json()) : null;
      if (actors) setLoaded({ state: "loaded", actors });
      else
        setLoaded({
          state: "failed",
          message:
            response.status === 401
              ? "You have been signed out; sign in again in another tab, then try once more."
              : "The actors could not be read. Please try again.",
        });
    } catch {
      setLoaded({ state: "failed", message: "Stancewatch could not be reached. Check your connection and try again." });
    }
  }

  function start() {
    setOpen(true);
    if (loaded.state !== "loaded") void load();
  }

  const actors = loaded.state === "loaded" ? loaded.actors : [];
  const target = actors.find((actor) => actor.id === chosen && !exclude.includes(actor.id)) ?? null;

  if (!open)
    return (
      <p className={styles.opener}>
        <button type="button" className="button button--small" onClick={start} disabled={disabled}>
          Code toward another actor…
        </button>
      </p>
    );

  return (
    <section className={styles.panel} aria-labelledby="queue-other-target-heading">
      <h3 className={styles.title} id="queue-other-target-heading">
        Code toward another actor
      </h3>
      {loaded.state === "loading" || loaded.state === "idle" ? (
        <p role="status">Reading the actors…</p>
      ) : loaded.state === "failed" ? (
        <div className="alert" role="alert">
          {loaded.message}{" "}
          <button type="button" className="link-button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : (
        <ActorSearchPicker
          label="Another target"
          hint="Any actor the statement takes a stance toward; it is added below the tracked targets for this statement."
          actors={actors}
          exclude={exclude}
          value={target?.id ?? null}
          onChange={setChosen}
        />
      )}
      <div className={styles.actions}>
        <button
          type="button"
          className="button button--small button--primary"
          disabled={!target || disabled}
          onClick={() => {
            if (!target) return;
            onAdd({ id: target.id, name: target.name });
            setChosen(null);
            setOpen(false);
          }}
        >
          {target ? `Add a row toward ${target.name}` : "Add a row"}
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setOpen(false);
            setChosen(null);
          }}
        >
          Cancel
        </button>
      </div>
    </section>
  );
}
