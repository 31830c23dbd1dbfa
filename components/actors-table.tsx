import type { ActorView } from "@/lib/data/actors";
import type { ActorChoice } from "./actor-fields";
import { ActorRow } from "./actor-row";
import styles from "./actors-table.module.css";
import { ScrollingTable, actionsColumn, numberColumn } from "./scrolling-table";

/** The actors as the forms offer them (speaks for) and check against (taken slugs and Wikidata ids), in alphabetical order. */
export function actorChoices(actors: ActorView[]): ActorChoice[] {
  return actors
    .map(({ id, name, slug, wikidataId }) => ({ id, name, slug, wikidataId }))
    .toSorted((a, b) => a.name.localeCompare(b.name, "en"));
}

export function ActorsTable({ actors, choices }: { actors: ActorView[]; choices: ActorChoice[] }) {
  return (
    <ScrollingTable
      columns={["Name", "Kind", "Office", "Speaks for", "Wikidata", numberColumn("Statements"), "Target", actionsColumn]}
      className={styles.actorsTable}
      scrollClassName={`table-scroll ${styles.actorsTableScroll}`}
    >
      {actors.map((actor) => (
        // Every row is given the same choices array, so the page sends it to the browser once.
        <ActorRow key={actor.id} actor={actor} choices={choices} />
      ))}
    </ScrollingTable>
  );
}
