import type { Metadata } from "next";
import { NewActorForm } from "@/components/actor-creation-form";
import { ActorsTable } from "@/components/actors-table";
import { ListControls, ListPager } from "@/components/lists/list-controls";
import { actorListDefinition } from "@/lib/actors/list";
import { actorKindLabels } from "@/lib/actors/schemas";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listActorChoices, listActorsPage } from "@/lib/data/actors";
import { loadListPage, sortChoices } from "@/lib/lists/page";
import { ListResults } from "@/components/lists/list-results";

export const metadata: Metadata = { title: "Actors and targets" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ActorsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await requirePageUser("/admin/actors");
  if (!hasPermission(user, "administer")) {
    return (
      <main className="page">
        <h1 className="page__title">Actors and targets</h1>
        <div className="empty-state">Only administrators can manage actors and targets.</div>
      </main>
    );
  }
  const [list, choices] = await Promise.all([
    loadListPage(actorListDefinition, params, "/admin/actors", (query) => listActorsPage(user, query)),
    listActorChoices(user),
  ]);
  const { page, query } = list;

  return (
    <main className="page">
      <h1 className="page__title">Actors and targets</h1>
      <p className="page__lede">
        Everyone whose statements are coded, and everyone a stance is taken toward: a target is simply an actor. Tracked targets are the
        ones charted on the overview; the others can still be coded. Changes apply to every coding at once.
      </p>
      <div className="stack">
        <ListControls
          id="actors"
          action="/admin/actors"
          values={list.values}
          fields={[
            { kind: "text", parameter: "q", label: "Search actors" },
            {
              kind: "select",
              parameter: "kind",
              label: "Kind",
              options: Object.entries(actorKindLabels).map(([value, label]) => ({ value, label })),
            },
            { kind: "yesNo", parameter: "tracked", label: "Tracked", yesLabel: "Tracked targets", noLabel: "Not tracked" },
          ]}
          sortOptions={sortChoices(actorListDefinition)}
          sort={list.sort}
          pageSize={list.pageSize}
        />
        <ListResults
          problem={list.problem}
          rows={query && page?.rows}
          id="actors"
          heading={
            query &&
            `${list.filtered ? "Matching actors" : "All actors"}, by ${actorListDefinition.sorts[query.sort.key]!.label.toLowerCase()}`
          }
          meta="Search looks in names, aliases, offices and keys. Statements counts what each actor has said on the record."
          empty={query?.cursor ? "No more actors." : list.filtered ? "No actors match these filters." : "No actors yet."}
          emptyIn="card"
          pager={
            page && (
              <ListPager
                shown={`${page.rows.length} actor${page.rows.length === 1 ? "" : "s"} on this page`}
                firstHref={list.firstHref}
                nextHref={list.nextHref}
              />
            )
          }
        >
          {page && <ActorsTable actors={page.rows} choices={choices} sortLinks={list.sortLinks} />}
        </ListResults>
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
