import type { Metadata } from "next";
import { NewScenarioForm } from "@/components/scenarios/new-scenario-form";
import { NewScenarioSetForm } from "@/components/scenarios/new-scenario-set-form";
import { ScenarioSetList } from "@/components/scenarios/scenario-set-list";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listScenarioSets } from "@/lib/data/scenarios";
import gridStyles from "@/app/panel-grid.module.css";

export const metadata: Metadata = { title: "Scenarios" };
export const dynamic = "force-dynamic";

export default async function ScenariosPage() {
  const user = await requirePageUser("/scenarios");
  const sets = await listScenarioSets(user);
  const canEdit = hasPermission(user, "edit");

  return (
    <main className="page">
      <h1 className="page__title">Scenarios</h1>
      <p className="page__lede">
        Futures the statements make more or less likely, in sets of competing scenarios. Each scenario carries the analysts’ probability
        estimates over time and indicators evaluated on the codings; each set has an evidence matrix rating coded statements and events
        against its scenarios.
      </p>
      <div className="stack">
        {sets.length === 0 ? (
          <div className="empty-state">
            <p>No scenario sets yet.</p>
            {canEdit && <p>Start with a set of competing futures below, then add its scenarios.</p>}
          </div>
        ) : (
          <ScenarioSetList sets={sets} />
        )}
        {canEdit && (
          <div className={`${gridStyles.panelGrid} ${gridStyles.two}`}>
            <section className="card" aria-labelledby="new-scenario-heading">
              <h2 className="card__title" id="new-scenario-heading">
                New scenario
              </h2>
              <p className="card__meta">A future that can be told to have happened or not by its horizon.</p>
              <NewScenarioForm sets={sets.map((set) => ({ id: set.id, title: set.title }))} />
            </section>
            <section className="card" aria-labelledby="new-set-heading">
              <h2 className="card__title" id="new-set-heading">
                New scenario set
              </h2>
              <p className="card__meta">Competing futures of one question, rated against the same evidence.</p>
              <NewScenarioSetForm />
            </section>
          </div>
        )}
      </div>
    </main>
  );
}
