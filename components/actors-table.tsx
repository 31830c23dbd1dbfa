import type { ActorView } from "@/lib/data/actors";
import type { SortLink } from "@/lib/lists/page";
import { SortableHeader } from "./lists/sortable-header";
import type { ActorChoice } from "./actor-fields";
import { ActorRow } from "./actor-row";
import styles from "./actors-table.module.css";

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
    <div className={`table-scroll ${styles.actorsTableScroll}`} tabIndex={0}>
      <table className={styles.actorsTable}>
        <thead>
          <tr>
            <SortableHeader label="Name" sort={sortLinks.name} />
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
