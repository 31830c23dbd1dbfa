import type { Metadata } from "next";
import Link from "@/components/link";
import { CodingQueue } from "@/components/coding-queue";
import { CodingQueueFinished, CodingQueueProgress } from "@/components/coding-queue-progress";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listCodingQueue } from "@/lib/data/codings";
import { listTrackedTargets } from "@/lib/data/stance";

export const metadata: Metadata = { title: "Code statements" };
// The queue is per coder and shrinks with every save.
export const dynamic = "force-dynamic";

export default async function CodeStatementsPage() {
  const user = await requirePageUser("/code");
  if (!hasPermission(user, "edit")) {
    return (
      <main className="page">
        <h1 className="page__title">Code statements</h1>
        <div className="empty-state">
          Coding is for analysts and administrators; your account can read. The scores analysts have given are on the{" "}
          <Link href="/codings">Codings</Link> page and charted on the <Link href="/">overview</Link>.
        </div>
      </main>
    );
  }
  const [queue, targets] = await Promise.all([listCodingQueue(user), listTrackedTargets(user)]);

  return (
    <main className="page">
      <h1 className="page__title">Code statements</h1>
      <p className="page__lede">
        Score each statement’s stance toward every tracked target it addresses, from −3 (very hostile) to +3 (very conciliatory), and leave
        the others as “not addressed”. The{" "}
        <Link href="/codebook" target="_blank">
          codebook<span className="visually-hidden"> (opens in a new tab)</span>
        </Link>{" "}
        says what each point means; statements assigned to you come first.
        {queue.items.length > 0 && (
          <>
            {" "}
            Made for the keyboard: press <kbd className="key">?</kbd> for the shortcuts.
          </>
        )}
      </p>
      {targets.length === 0 ? (
        <div className="empty-state">
          No target is tracked yet, so there is nothing to code toward. An administrator marks the tracked targets under{" "}
          <Link href="/admin/actors">Actors</Link>.
        </div>
      ) : queue.items.length === 0 ? (
        <div className="stack">
          <CodingQueueProgress coded={queue.coded} total={queue.total} />
          <CodingQueueFinished />
        </div>
      ) : (
        <CodingQueue items={queue.items} coded={queue.coded} total={queue.total} targets={targets} />
      )}
    </main>
  );
}
