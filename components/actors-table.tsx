import type { ActorView } from "@/lib/data/actors";
import type { SortLink } from "@/lib/lists/page";
import type { ActorChoice } from "./actor-fields";
import { ActorRow } from "./actor-row";
import styles from "./actors-table.module.css";
import { ScrollingTable, actionsColumn, numberColumn, sortableColumn } from "./scrolling-table";

export function ActorsTable({
  actors,
  choices,
  sortLinks = {},
}: {
  actors: ActorView[];
  choices: ActorChoice[];
  /** Column headers that sort the list, by the list's sort keys (name). */
  sortLinks?: Record<string, SortLink>;
}) {
  return (
    <ScrollingTable
      columns={[
        sortableColumn("Name", sortLinks.name),
        "Kind",
        "Office",
        "Speaks for",
        "Wikidata",
        numberColumn("Statements"),
        "Target",
        actionsColumn,
      ]}
      className={styles.actorsTable}
      scrollClassName={`table-scroll ${styles.actorsTableScroll}`}
      stackOnPhone
    >
      {actors.map((actor) => (
        // Every row is given the same choices array, so the page sends it to the browser once.
        <ActorRow key={actor.id} actor={actor} choices={choices} />
      ))}
    </ScrollingTable>
  );
}
