/** Ends a command-line script with a one-line explanation instead of a stack trace. */
export function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}
