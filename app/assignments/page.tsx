import type { Metadata } from "next";
import { AssignmentForm } from "@/components/assignment-form";
import { CoderProgress, SourceProgress } from "@/components/assignment-progress";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { getAssignmentProgress, listAssignmentChoices } from "@/lib/data/assignments";

export const metadata: Metadata = { title: "Assignments" };
// Every coding moves the figures.
export const dynamic = "force-dynamic";

export default async function AssignmentsPage() {
  const user = await requirePageUser("/assignments");
  const mayAssign = hasPermission(user, "assign");
  const [progress, choices] = await Promise.all([getAssignmentProgress(user), mayAssign ? listAssignmentChoices(user) : null]);

  return (
    <main className="page">
      <h1 className="page__title">Assignments</h1>
      <p className="page__lede">
        Who codes which statements, and how far they are. A planned share of each assigned source is double-coded, drawn at random from a
        stored seed, so that the reliability figures rest on a sample chosen in advance. Assigned statements come first in each coder’s
        queue.
      </p>
      <div className="stack">
        {choices && (
          <section className="card" aria-labelledby="assign-heading">
            <h2 className="card__title" id="assign-heading">
              Assign a source
            </h2>
            <AssignmentForm choices={choices} />
          </section>
        )}
        <CoderProgress coders={progress.coders} />
        <SourceProgress sources={progress.sources} mayWithdraw={mayAssign} />
      </div>
    </main>
  );
}
