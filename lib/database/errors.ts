// Turns driver errors into one line a person can act on, without leaking
// SQL or stack traces.

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "the configured DATABASE_URL";
  }
}

export function describeDatabaseError(error: unknown, url: string): string {
  const where = redact(url);
  switch (errorCode(error)) {
    case "ECONNREFUSED":
      return `nothing is listening at ${where}. Is PostgreSQL running, and are the host and port right?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `the host in ${where} cannot be resolved.`;
    case "ETIMEDOUT":
      return `connecting to ${where} timed out.`;
    case "3D000":
      return `the database named in ${where} does not exist. Create it first (createdb).`;
    case "28P01":
    case "28000":
      return `PostgreSQL refused the user or password in ${where}.`;
    default: {
      const message = (error instanceof Error ? error.message : String(error)).split("\n").find((line) => line.trim())?.trim();
      return message || `an unknown error talking to ${where}.`;
    }
  }
}
