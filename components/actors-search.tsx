"use client";

import { useState } from "react";
import type { ActorView } from "@/lib/data/actors";
import type { ActorChoice } from "./actor-fields";
import { ActorsTable } from "./actors-table";

/** Case- and accent-insensitive, so "baghai" finds "Baghaei" only if spelt so, and "pezeshkian" finds "Pezeshkiān". */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** The actors table with a search box over names, aliases, offices and slugs (paging belongs to the list views). */
export function ActorsSearch({ actors, choices }: { actors: ActorView[]; choices: ActorChoice[] }) {
  const [query, setQuery] = useState("");
  const folded = fold(query.trim());
  const shown = folded
    ? actors.filter((actor) => fold([actor.name, actor.slug, actor.office ?? "", ...actor.aliases].join(" ")).includes(folded))
    : actors;
  return (
    <>
      <div className="field">
        <label className="field__label" htmlFor="actor-search">
          Search actors
        </label>
        <input
          id="actor-search"
          type="search"
          autoComplete="off"
          placeholder="Name, alias, office or slug"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-describedby="actor-search-result"
        />
        <p className="field__hint" id="actor-search-result" role="status">
          {folded ? `${shown.length} of ${actors.length} actors match.` : ""}
        </p>
      </div>
      {shown.length === 0 ? (
        <div className="empty-state">No actor’s name, alias, office or slug contains “{query.trim()}”.</div>
      ) : (
        <ActorsTable actors={shown} choices={choices} />
      )}
    </>
  );
}
