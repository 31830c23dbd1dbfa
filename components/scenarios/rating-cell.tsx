"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { consistencyRatingLabels, consistencyRatings, type ConsistencyRating } from "@/lib/scenarios/ach";
import { sendJson } from "../json-request";
import styles from "./rating-cell.module.css";

const ratingClasses: Record<ConsistencyRating, string | undefined> = {
  CC: styles.cc,
  C: styles.c,
  N: styles.n,
  NA: styles.na,
  I: styles.i,
  II: styles.ii,
};

/** The cell the server holds when another analyst rated it first (the assessment row). */
type CurrentCell = { rating: ConsistencyRating; version: number };

function isCurrentCell(value: unknown): value is CurrentCell {
  if (!value || typeof value !== "object") return false;
  const candidate = value as Partial<CurrentCell>;
  return typeof candidate.version === "number" && consistencyRatings.includes(candidate.rating as ConsistencyRating);
}

type Cell = { rating: ConsistencyRating | null; version: number | null };

// A closed select changes on every arrow key: waiting for a pause saves the rating chosen, not each one passed on the way.
const saveDelay = 600;

/**
 * One cell of the evidence matrix: a native select that saves shortly after
 * it changes, sending the cell's version so that two analysts rating the
 * same cell at once see each other's rating instead of overwriting it. The
 * select is never disabled while saving, so keyboard focus stays on it.
 */
export function RatingCell({
  evidenceId,
  scenarioId,
  rating,
  version,
  label,
  canEdit,
}: {
  evidenceId: string;
  scenarioId: string;
  rating: ConsistencyRating | null;
  version: number | null;
  /** The select's accessible name: which evidence, against which scenario. */
  label: string;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [shown, setShown] = useState(rating);
  const [seen, setSeen] = useState<Cell>({ rating, version });
  const [status, setStatus] = useState("");
  const [problem, setProblem] = useState<{ message: string; retry: ConsistencyRating | null } | null>(null);
  // What the server holds as far as this cell knows, and the save machinery; refs, as timers and replies read them later.
  const saved = useRef<Cell>({ rating, version });
  const wanted = useRef<ConsistencyRating | null>(rating);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);

  // The page refreshed with the server's cell (after this save or someone else's): start from it.
  if (seen.rating !== rating || seen.version !== version) {
    setSeen({ rating, version });
    setShown(rating);
  }
  useEffect(() => {
    saved.current = { rating, version };
    wanted.current = rating;
  }, [rating, version]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  async function send() {
    const next = wanted.current;
    if (next === null || next === saved.current.rating || inFlight.current) return;
    inFlight.current = true;
    setStatus("Saving…");
    const baseVersion = saved.current.version;
    const result = await sendJson<{ rating: ConsistencyRating; version: number }>(
      "POST",
      `/api/evidence/${encodeURIComponent(evidenceId)}/assessments`,
      {
        scenarioId,
        rating: next,
        version: baseVersion,
      },
    );
    inFlight.current = false;
    if (result.ok) {
      // The cell's new version, so a further change before the refresh lands does not conflict with this one.
      saved.current = { rating: result.body.rating, version: result.body.version };
      if (wanted.current !== next) return void send();
      setStatus("Saved");
      router.refresh();
      return;
    }
    setStatus("");
    if (result.status === 409 && isCurrentCell(result.current)) {
      saved.current = { rating: result.current.rating, version: result.current.version };
      wanted.current = result.current.rating;
      setShown(result.current.rating);
      setProblem({ message: result.error, retry: next });
      router.refresh();
      return;
    }
    wanted.current = saved.current.rating;
    setShown(saved.current.rating);
    setProblem({ message: result.error, retry: null });
  }

  function choose(next: ConsistencyRating) {
    setShown(next);
    setProblem(null);
    setStatus("Saving…");
    wanted.current = next;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void send(), saveDelay);
  }

  const className = shown ? `${styles.ratingCell} ${ratingClasses[shown]}` : styles.ratingCell;
  if (!canEdit) {
    return (
      <td className={className}>
        <span>{shown ? `${shown} ${consistencyRatingLabels[shown].toLocaleLowerCase("en")}` : "—"}</span>
      </td>
    );
  }
  const problemId = `rating-${evidenceId}-${scenarioId}-problem`;
  return (
    <td className={className}>
      <select
        className={styles.select}
        aria-label={label}
        value={shown ?? ""}
        onChange={(event) => {
          const next = event.target.value as ConsistencyRating | "";
          if (next) choose(next);
        }}
        aria-describedby={problem ? problemId : undefined}
      >
        {/* Once rated a cell can be re-rated but not emptied: NA says "does not apply". */}
        {seen.rating === null && shown === null && <option value="">— unrated</option>}
        {consistencyRatings.map((value) => (
          <option key={value} value={value}>
            {value} {consistencyRatingLabels[value].toLocaleLowerCase("en")}
          </option>
        ))}
      </select>
      <span className={styles.status} role="status">
        {status}
      </span>
      {problem && (
        <span className={styles.problem} id={problemId} role="alert">
          Not saved: {problem.message}
          {problem.retry && (
            <button type="button" className="link-button" onClick={() => choose(problem.retry!)}>
              Rate it {problem.retry} anyway
            </button>
          )}
        </span>
      )}
    </td>
  );
}
