// PostgreSQL compiled to WebAssembly (PGlite), served over the wire protocol
// so that Prisma, pg and the schema engine connect to it like to any server.
// It is the zero-setup default for `npm start` and for tests when no
// PostgreSQL is given; see docs/decisions/0003-embedded-database.md.
//
// PGlite asks no password of whoever connects, so it listens on no network
// port: only on a unix socket in a directory only this user may enter (0700),
// which other local users cannot reach. Its data directory is 0700 and its
// files 0600 (docs/decisions/0010).
import { chmod, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { sessionSettingValues } from "../../lib/database/session-settings";
import { startOneClientAtATimeProxy } from "./one-client-at-a-time";

export type EmbeddedPostgres = {
  /** postgresql:// URL to hand to Prisma or pg: the unix socket directory is its `host` parameter. */
  url: string;
  /** The directory (mode 0700) holding the socket clients connect to. */
  socketDirectory: string;
  /**
   * From now on every connection acts as `role` (SET ROLE on PGlite's one session). PGlite has a
   * single user, the superuser postgres, and ignores the user a client names, so this is as close
   * to the app's own role as it gets: the app's mistakes meet the same refusals as on a server,
   * but SQL that runs RESET ROLE is postgres again. See docs/decisions/0010.
   */
  actAs(role: string): Promise<void>;
  stop(): Promise<void>;
};

/** Owner-only: directories 0700, files 0600, all the way down. */
export async function restrictToOwner(directory: string): Promise<void> {
  await chmod(directory, 0o700);
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    const entryPath = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) await chmod(entryPath, 0o700);
    else if (entry.isFile()) await chmod(entryPath, 0o600);
  }
}

// PGlite writes its files with the process's umask; while one runs on disk, new files are owner-only.
let runningOnDisk = 0;
let umaskBefore: number | undefined;

/**
 * Starts PGlite on a unix socket in a fresh private directory. With `dataDirectory` the data
 * persists there (made owner-only first); without it the database lives in memory.
 */
export async function startEmbeddedPostgres(options: { dataDirectory?: string } = {}): Promise<EmbeddedPostgres> {
  const { dataDirectory } = options;
  if (dataDirectory) {
    if (runningOnDisk++ === 0) umaskBefore = process.umask(0o077);
    await mkdir(dataDirectory, { recursive: true, mode: 0o700 });
    await restrictToOwner(dataDirectory);
  }
  const releaseUmask = () => {
    if (dataDirectory && --runningOnDisk === 0 && umaskBefore !== undefined) process.umask(umaskBefore);
  };
  // mkdtemp makes the directory 0700: only this user may reach the sockets inside it.
  const socketDirectory = await mkdtemp(path.join(tmpdir(), "stancewatch-db-"));
  // pg_trgm backs search by name and typo (prisma/sql/search.sql): the migration creates it, PGlite must offer it.
  const extensions = { pg_trgm };
  const db = dataDirectory ? new PGlite(dataDirectory, { extensions }) : new PGlite({ extensions });
  const cleanUp = async () => {
    await db.close().catch(() => {});
    if (dataDirectory) await restrictToOwner(dataDirectory).catch(() => {});
    await rm(socketDirectory, { recursive: true, force: true });
    releaseUmask();
  };
  await db.waitReady;
  // PGlite is one session that every client shares, and it ignores the settings a client sends when it
  // connects (the "options" of lib/database/prisma.ts): set them on the session itself, once, for all.
  for (const [name, value] of Object.entries(sessionSettingValues)) await db.query(`SET ${name} = '${value}'`);
  // PGlite sets some files' modes itself as it starts (its relation cache file comes out 0644):
  // take them back. The directory is 0700 throughout, so no other user could reach them anyway.
  if (dataDirectory) await restrictToOwner(dataDirectory);
  // The default allows one connection; connection pools need more. Clients
  // reach it through a proxy that lets one connection talk at a time
  // (./one-client-at-a-time.ts), so their queries cannot interleave.
  const serverPath = path.join(socketDirectory, "pglite.sock");
  const server = new PGLiteSocketServer({ db, path: serverPath, maxConnections: 32 });
  try {
    await server.start();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  let proxy;
  try {
    // Where libpq and node-postgres look for a server given a socket directory and the default port.
    proxy = await startOneClientAtATimeProxy(serverPath, path.join(socketDirectory, ".s.PGSQL.5432"));
  } catch (error) {
    await server.stop();
    await cleanUp();
    throw error;
  }
  let stopped = false;
  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDirectory)}&sslmode=disable`,
    socketDirectory,
    async actAs(role: string) {
      await db.query(`SET ROLE "${role.replaceAll('"', '""')}"`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await proxy.stop();
      await server.stop();
      await cleanUp();
    },
  };
}
