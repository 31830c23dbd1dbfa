// Everything the benchmark starts (the web server, database clients, the load
// generator) registers how to stop it here, so a failure or Ctrl-C at any
// point leaves nothing running.

type Cleanup = { description: string; run: () => Promise<void> | void };

const pending: Cleanup[] = [];
let running: Promise<void> | null = null;

/** Registers a cleanup; the returned function runs it early (and removes it) when the resource is done with. */
export function onCleanup(description: string, run: Cleanup["run"]): () => Promise<void> {
  const cleanup: Cleanup = { description, run };
  pending.push(cleanup);
  return async () => {
    const index = pending.indexOf(cleanup);
    if (index === -1) return;
    pending.splice(index, 1);
    await cleanup.run();
  };
}

/** Runs every registered cleanup, newest first; one failing does not stop the others. */
export function runCleanups(): Promise<void> {
  running ??= (async () => {
    while (pending.length) {
      const cleanup = pending.pop()!;
      try {
        await cleanup.run();
      } catch (error) {
        console.error(`  (could not ${cleanup.description}: ${(error as Error).message})`);
      }
    }
  })();
  return running;
}

/** Ctrl-C or a termination signal: clean up, then exit with the conventional status. */
export function cleanUpOnSignals(): void {
  const stop = (signal: NodeJS.Signals, status: number) => {
    console.error(`\n✖ ${signal}: stopping the server and closing connections…`);
    void runCleanups().finally(() => process.exit(status));
  };
  process.once("SIGINT", () => stop("SIGINT", 130));
  process.once("SIGTERM", () => stop("SIGTERM", 143));
}
