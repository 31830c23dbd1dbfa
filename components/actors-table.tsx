import type { ActorView } from "@/lib/data/actors";
import type { ActorChoice } from "./actor-fields";
import { ActorRow } from "./actor-row";
import styles from "./actors-table.module.css";

/** The actors as the forms offer them (speaks for) and check against (taken slugs and Wikidata ids), in alphabetical order. */
export function actorChoices(actors: ActorView[]): ActorChoice[] {
  return actors
    .map(({ id, name, slug, wikidataId }) => ({ id, name, slug, wikidataId }))
    .toSorted((a, b) => a.name.localeCompare(b.name, "en"));
}

export function ActorsTable({ actors, choices }: { actors: ActorView[]; choices: ActorChoice[] }) {
  return (
    <div className={`table-scroll ${styles.actorsTableScroll}`} tabIndex={0}>
      <table className={styles.actorsTable}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Office</th>
            <th scope="col">Speaks for</th>
            <th scope="col">Wikidata</th>
            <th scope="col" className="number">
              Statements
            </th>
            <th scope="col">Target</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {actors.map((actor) => (
            // Every row is given the same choices array, so the page sends it to the browser once.
            <ActorRow key={actor.id} actor={actor} choices={choices} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
