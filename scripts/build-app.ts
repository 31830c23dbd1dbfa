// One way to run `next build` for `npm start`, the HTTP tests and the benchmark:
// quiet (a line per finished phase instead of Next's route table, the whole
// output only when the build fails) and without Next's own type-check, which CI
// runs separately (`npm run typecheck`); see docs/decisions/0025-quiet-start-build.md.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** Read by next.config.js: set only by these callers, so a plain `next build` still type-checks. */
export const skipBuildTypeCheckVariable = "STANCEWATCH_SKIP_BUILD_TYPE_CHECK";

const nextBin = path.resolve("node_modules/next/dist/bin/next");
// ANSI colour codes, which Next writes even into a pipe when the terminal supports colour.
const colourCodes = new RegExp(String.raw`\u001b\[[0-9;]*m`, "g");

/** A line of Next's output that marks the start or the end of a build phase, or null for the rest. */
export function describeBuildPhase(line: string): string | null {
  const text = line.replace(colourCodes, "").trim();
  if (text.startsWith("Creating an optimized production build")) return "compiling…";
  const finished = /^✓\s+(.*)$/.exec(text);
  return finished?.[1] ?? null;
}

export type BuildResult = { ok: boolean; output: string };

/**
 * Runs `next build` with the given environment, calling `onPhase` once per phase
 * line; on failure the caller shows `output` (everything Next wrote).
 */
export function buildApp(
  environment: NodeJS.ProcessEnv,
  onPhase: (phase: string) => void,
  onSpawn?: (build: ChildProcess) => void,
): Promise<BuildResult> {
  const build = spawn(process.execPath, [nextBin, "build"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...environment, NEXT_TELEMETRY_DISABLED: "1", [skipBuildTypeCheckVariable]: "1" },
  });
  onSpawn?.(build);
  let output = "";
  let pending = "";
  const take = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    pending += text;
    const lines = pending.split(/\r?\n|\r/);
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const phase = describeBuildPhase(line);
      if (phase) onPhase(phase);
    }
  };
  build.stdout.on("data", take);
  build.stderr.on("data", take);
  return new Promise((resolve) => {
    build.on("error", (error) => resolve({ ok: false, output: `${output}\n${error.message}` }));
    build.on("exit", (code) => resolve({ ok: code === 0, output }));
  });
}
