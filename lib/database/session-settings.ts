// Set for every connection at start-up. JIT compiling costs more than it saves
// on queries the size of the dashboard's (it took a sixth of the all-speakers
// query at a million codings), and the default 4 MB of work memory made its
// grouping spill to disk. Search counts a name as matching when its trigrams
// overlap the query's by half (pg_trgm's default, 0.6, misses one wrong letter
// in a short name: "xarifyan" for "xarifiyan"). The embedded database (PGlite)
// ignores settings sent when a connection starts: it is one session, started
// before any client connects, so scripts/database/embedded.ts SETs these on
// that session instead (docs/decisions/0031). Dates come out as YYYY-MM-DD
// whatever the server's or the database's own DateStyle: the chart's JSON
// writes them as date::text (lib/dashboard/stance-sql.ts), and node-postgres's
// date parsing expects the ISO style.
export const sessionSettingValues = {
  jit: "off",
  work_mem: "32MB",
  "pg_trgm.word_similarity_threshold": "0.5",
  DateStyle: "ISO",
} as const;

export const sessionSettings = Object.entries(sessionSettingValues)
  .map(([name, value]) => `-c ${name}=${value}`)
  .join(" ");
