"use client";

// Where the coder is in the queue: which statement (J/K, saves, undos) and
// which target row (↑/↓, Tab). Statements saved in this visit are hidden at
// once, before the refreshed queue arrives from the server.

import { useState } from "react";
import type { QueueItem } from "@/lib/data/codings";
import type { TrackedTarget } from "@/lib/data/stance";

/** The id follows the statement through refreshes; the index is where to land when that statement has gone. */
type Position = { id: string | null; index: number };

/**
 * `otherTargets` are the actors a coder added for one statement (statement id
 * → targets), coded like the tracked rows and listed after them.
 */
export function useQueueNavigation(items: QueueItem[], targets: TrackedTarget[], otherTargets: Record<string, TrackedTarget[]> = {}) {
  const [done, setDone] = useState<ReadonlySet<string>>(() => new Set());
  const [position, setPosition] = useState<Position>({ id: items[0]?.statementId ?? null, index: 0 });
  const [activeRow, setActiveRow] = useState(0);

  const queue = items.filter((item) => !done.has(item.statementId));
  const found = queue.findIndex((item) => item.statementId === position.id);
  const index = found >= 0 ? found : Math.min(position.index, queue.length - 1);
  const current = index >= 0 ? queue[index] : undefined;
  // A stance is toward someone else: the server refuses a coding toward the speaker, so no row is offered.
  const rows = current
    ? [
        ...targets,
        ...(otherTargets[current.statementId] ?? []).filter((other) => !targets.some((target) => target.id === other.id)),
      ].filter((target) => target.id !== current.speakerId)
    : [];
  const active = Math.max(0, Math.min(activeRow, rows.length - 1));

  /** To the statement at `next` in the visible queue, on its first row. */
  function moveTo(next: number) {
    const item = queue[next];
    if (!item) return;
    setPosition({ id: item.statementId, index: next });
    setActiveRow(0);
  }

  /** Hides a finished statement and lands on the one after it (or before, at the end); returns where it landed. */
  function leave(statementId: string): QueueItem | null {
    const at = queue.findIndex((candidate) => candidate.statementId === statementId);
    const next = queue[at + 1] ?? queue[at - 1] ?? null;
    setDone((previous) => new Set(previous).add(statementId));
    // After removal the following statement takes this one's place in the list.
    setPosition({ id: next?.statementId ?? null, index: at });
    setActiveRow(0);
    return next;
  }

  /** After an undo: the statement is shown again, and the coder is taken back to it. */
  function bringBack(statementId: string) {
    const at = items
      .filter((item) => item.statementId === statementId || !done.has(item.statementId))
      .findIndex((item) => item.statementId === statementId);
    setDone((previous) => {
      const remainingDone = new Set(previous);
      remainingDone.delete(statementId);
      return remainingDone;
    });
    setPosition({ id: statementId, index: Math.max(0, at) });
    setActiveRow(0);
  }

  return { done, queue, index, current, rows, active, setActiveRow, moveTo, leave, bringBack };
}
