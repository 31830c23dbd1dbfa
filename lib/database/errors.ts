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
    case "P1001":
    case "ECONNREFUSED":
      return `nothing is listening at ${where}. Is PostgreSQL running, and are the host and port right?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `the host in ${where} cannot be resolved.`;
    case "P1002":
    case "ETIMEDOUT":
      return `connecting to ${where} timed out.`;
    case "P1003":
    case "3D000":
      return `the database named in ${where} does not exist. Create it first (createdb).`;
    case "P1000":
    case "28P01":
    case "28000":
      return `PostgreSQL refused the user or password in ${where}.`;
    default: {
      const lines = (error instanceof Error ? error.message : String(error)).split("\n").filter((line) => line.trim());
      // Prisma's messages open with the calling source code and end with the reason.
      const message = (lines[0]?.startsWith("Invalid `") ? lines.at(-1) : lines[0])?.trim();
      return message || `an unknown error talking to ${where}.`;
    }
  }
}
