import type { Metadata } from "next";
import { NewActorForm } from "@/components/actor-creation-form";
import { actorChoices } from "@/components/actors-table";
import { ActorsSearch } from "@/components/actors-search";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listActors } from "@/lib/data/actors";

export const metadata: Metadata = { title: "Actors and targets" };
export const dynamic = "force-dynamic";

export default async function ActorsPage() {
  const user = await requirePageUser("/admin/actors");
  if (!hasPermission(user, "administer")) {
    return (
      <main className="page">
        <h1 className="page__title">Actors and targets</h1>
        <div className="empty-state">Only administrators can manage actors and targets.</div>
      </main>
    );
  }
  const actors = await listActors(user);
  const choices = actorChoices(actors);
  const trackedCount = actors.filter((actor) => actor.isTrackedTarget).length;

  return (
    <main className="page">
      <h1 className="page__title">Actors and targets</h1>
      <p className="page__lede">
        Everyone whose statements are coded, and everyone a stance is taken toward: a target is simply an actor. Tracked targets are the
        ones charted on the overview; the others can still be coded. Changes apply to every coding at once.
      </p>
      <div className="stack">
        <section className="card" aria-labelledby="actors-heading">
          <h2 className="card__title" id="actors-heading">
            {actors.length} actor{actors.length === 1 ? "" : "s"}, {trackedCount} tracked
          </h2>
          <p className="card__meta">Tracked targets are listed first. Statements counts what each actor has said on the record.</p>
          {actors.length === 0 ? <div className="empty-state">No actors yet.</div> : <ActorsSearch actors={actors} choices={choices} />}
        </section>
        <section className="card" aria-labelledby="new-actor-heading">
          <h2 className="card__title" id="new-actor-heading">
            New actor
          </h2>
          <p className="card__meta">A person, government, organisation, bloc or group that speaks or is spoken about.</p>
          <NewActorForm choices={choices} />
        </section>
      </div>
    </main>
  );
}
