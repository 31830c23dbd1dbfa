import Link from "@/components/link";
import styles from "./coding-queue.module.css";

/** "12 of 23 statements coded by you" and a bar; rendered by the page and by the queue, which counts saves before the refresh lands. */
export function CodingQueueProgress({ coded, total }: { coded: number; total: number }) {
  const percent = total === 0 ? 100 : Math.round((coded / total) * 100);
  return (
    <div className={styles.queueProgress}>
      <p className={styles.queueProgressLabel} id="queue-progress-label">
        <strong>
          {coded} of {total}
        </strong>{" "}
        statement{total === 1 ? "" : "s"} coded by you
      </p>
      <progress className={styles.queueProgressBar} value={coded} max={Math.max(total, 1)} aria-labelledby="queue-progress-label">
        {percent}%
      </progress>
    </div>
  );
}

/** The end of the queue: said kindly, with where new work comes from. */
export function CodingQueueFinished() {
  return (
    <div className={`empty-state ${styles.queueFinished}`} role="status">
      <p className={styles.queueFinishedTitle}>Nothing left to code.</p>
      <p>You have coded every statement marked in the sources so far. New statements appear here as soon as someone marks them.</p>
      <p>
        <Link href="/sources">Go to the sources</Link>
      </p>
    </div>
  );
}
