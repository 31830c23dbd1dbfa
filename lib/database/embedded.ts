// PostgreSQL compiled to WebAssembly (PGlite), served over the wire protocol
// so that Prisma, pg and the schema engine connect to it like to any server.
// It is the zero-setup default for `npm start` and for tests when no
// PostgreSQL is given; see docs/decisions/0003-embedded-database.md.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { startOneClientAtATimeProxy } from "./one-client-at-a-time";

export type EmbeddedPostgres = {
  /** postgresql:// URL to hand to Prisma or pg. */
  url: string;
  stop(): Promise<void>;
};

/**
 * Starts PGlite on 127.0.0.1. With `dataDirectory` the data persists there;
 * without it the database lives in memory. `port: 0` picks a free port.
 */
export async function startEmbeddedPostgres(options: { dataDirectory?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  // pg_trgm backs search by name and typo (prisma/sql/search.sql): the migration creates it, PGlite must offer it.
  const extensions = { pg_trgm };
  const db = options.dataDirectory ? new PGlite(options.dataDirectory, { extensions }) : new PGlite({ extensions });
  await db.waitReady;
  // The default allows one connection; connection pools need more. Clients
  // reach it through a proxy that lets one connection talk at a time
  // (./one-client-at-a-time.ts), so their queries cannot interleave.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 32 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const [host, port] = server.getServerConn().split(":") as [string, string];
  let proxy;
  try {
    proxy = await startOneClientAtATimeProxy({ host, port: Number(port) }, { host: "127.0.0.1", port: options.port ?? 0 });
  } catch (error) {
    await server.stop();
    await db.close();
    throw error;
  }
  let stopped = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${proxy.port}/postgres?sslmode=disable`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await proxy.stop();
      await server.stop();
      await db.close();
    },
  };
}
