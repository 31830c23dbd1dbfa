// `npm run bench -- start`: the first and the second `npm start` as a newcomer
// meets them (issue 16: ≤ 90 s and ≤ 10 s of wall time on a quiet two-core
// machine). A fresh clone of HEAD in a temporary folder, its dependencies the
// ones this checkout installed (a hard-linked copy of node_modules plus
// `prisma generate`, which is what `npm install`'s postinstall adds; timed
// apart, not counted), then `npm start` with no DATABASE_URL (the embedded
// PostgreSQL), timed until GET /sign-in answers 200; stopped with Ctrl-C's
// signal; started again and timed the same way. CPU time is that of every
// process `npm start` started, read from /proc when /sign-in first answers.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { format, resolveConfig } from "prettier";
import { freePort } from "../../tests/support/free-port";
import { onCleanup } from "./cleanup";
import { describeLoad } from "./statistics";

const run = promisify(execFile);

export const startGoalSeconds = { first: 90, second: 10 } as const;

export type StartPhase = { line: string; atSeconds: number };
export type StartMeasure = {
  /** Wall time from spawning `npm start` until GET /sign-in answered 200. */
  wallSeconds: number;
  /** User + system CPU time of npm start's whole process tree by then. */
  cpuSeconds: number;
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
  /** npm start's own progress lines, each with when it appeared. */
  phases: StartPhase[];
};
export type StartFigures = {
  measuredAt: Date;
  command: string;
  commit: string;
  processors: number;
  preparation: { cloneSeconds: number; dependenciesSeconds: number; generateSeconds: number };
  first: StartMeasure;
  second: StartMeasure;
};

type Log = { heading(message: string): void; detail(message: string): void };

const clockTicksPerSecond = 100; // Linux's USER_HZ, which /proc/<pid>/stat counts in.

/** utime + stime + cutime + cstime of `pid` and every live descendant: children already reaped count in their parent's c-fields. */
function treeCpuSeconds(root: number): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the fields that follow are what we need.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]));
    } catch {
      // the process ended while we read
    }
  }
  const inTree = (pid: number): boolean => {
    for (let current: number | undefined = pid; current && current > 1; current = parents.get(current)) if (current === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, count] of ticks) if (inTree(pid)) total += count;
  return total / clockTicksPerSecond;
}

async function signInAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { redirect: "manual" });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** This process's environment without what a newcomer would not have set: npm start then uses its defaults. */
function newcomerEnvironment(port: number): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of [
    "DATABASE_URL",
    "MIGRATION_DATABASE_URL",
    "NEXTAUTH_SECRET",
    "NEXTAUTH_URL",
    "APP_DATABASE_ROLE",
    "APP_DATABASE_PASSWORD",
  ])
    delete environment[name];
  return environment;
}

/** Runs `npm start` in `directory` until /sign-in answers 200, measures it, then stops it as Ctrl-C would. */
async function timeStart(directory: string, log: Log): Promise<StartMeasure> {
  // Every interface, as `npm start` listens.
  const port = await freePort(null);
  const loadAverageAtStart = os.loadavg()[0]!;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const child: ChildProcess = spawn("npm", ["start"], {
    cwd: directory,
    // Its own process group, so Ctrl-C's signal reaches npm, the start script and the server together.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: newcomerEnvironment(port),
  });
  const stop = onCleanup("stop npm start", () => stopGroup(child));
  const phases: StartPhase[] = [];
  let output = "";
  const take = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    for (const line of text.split("\n")) {
      const trimmed = line.trim();
      if (!trimmed.startsWith("▸")) continue;
      phases.push({ line: trimmed.slice(1).trim(), atSeconds: seconds() });
      log.detail(`${seconds().toFixed(1).padStart(6)} s  ${trimmed.slice(1).trim()}`);
    }
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const signIn = `http://127.0.0.1:${port}/sign-in`;
  // Ready when the page a newcomer opens first answers; no deadline: a slow start is a figure, not a failure.
  while (!(await signInAnswers(signIn))) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} before /sign-in answered:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const wallSeconds = seconds();
  const cpuSeconds = treeCpuSeconds(child.pid!);
  const loadAverageAtEnd = os.loadavg()[0]!;
  await stop();
  return { wallSeconds, cpuSeconds, loadAverageAtStart, loadAverageAtEnd, phases };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGINT");
  await exited;
}

export async function runStartBench(command: string, log: Log): Promise<StartFigures> {
  const source = process.cwd();
  const commit = (await run("git", ["rev-parse", "--short", "HEAD"], { cwd: source })).stdout.trim();
  const { stdout: status } = await run("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: source });
  if (status.trim()) log.detail("note: this checkout has uncommitted changes; the clone measures HEAD without them");
  const parent = await mkdtemp(path.join(os.tmpdir(), "stancewatch-start-"));
  const removeClone = onCleanup("remove the fresh clone", () => rm(parent, { recursive: true, force: true }));
  const directory = path.join(parent, "stancewatch");

  log.heading(`A fresh clone of HEAD (${commit}) in ${directory}`);
  let mark = performance.now();
  const since = () => (performance.now() - mark) / 1000;
  await run("git", ["clone", "--quiet", "--no-hardlinks", source, directory]);
  const cloneSeconds = since();
  mark = performance.now();
  // The same packages `npm ci` would install, without the network: a hard-linked copy of this checkout's.
  if (!existsSync(path.join(source, "node_modules")))
    throw new Error("Run npm install first: the clone reuses this checkout's node_modules.");
  await run("cp", ["-al", path.join(source, "node_modules"), path.join(directory, "node_modules")]);
  const dependenciesSeconds = since();
  mark = performance.now();
  await run("npx", ["prisma", "generate"], { cwd: directory });
  const generateSeconds = since();
  log.detail(
    `clone ${cloneSeconds.toFixed(1)} s, node_modules (hard links) ${dependenciesSeconds.toFixed(1)} s, prisma generate ${generateSeconds.toFixed(1)} s (not counted)`,
  );

  log.heading("First npm start (embedded database, migrations, seed, build, server)");
  const first = await timeStart(directory, log);
  log.detail(`/sign-in answered 200 after ${first.wallSeconds.toFixed(1)} s; ${first.cpuSeconds.toFixed(1)} CPU-s`);
  log.heading("Second npm start (everything reused)");
  const second = await timeStart(directory, log);
  log.detail(`/sign-in answered 200 after ${second.wallSeconds.toFixed(1)} s; ${second.cpuSeconds.toFixed(1)} CPU-s`);
  await removeClone();
  return {
    measuredAt: new Date(),
    command,
    commit,
    processors: os.availableParallelism(),
    preparation: { cloneSeconds, dependenciesSeconds, generateSeconds },
    first,
    second,
  };
}

const verdict = (passed: boolean) => (passed ? "PASS" : "**MISS**");

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** The progress lines with when each appeared and the gap to the next (the build's lines interleave with the database's). */
function phaseRows(measure: StartMeasure): string[][] {
  return measure.phases.map((phase, index) => {
    const next = measure.phases[index + 1]?.atSeconds ?? measure.wallSeconds;
    return [phase.line.replace(/\|/g, "\\|"), phase.atSeconds.toFixed(1), (next - phase.atSeconds).toFixed(1)];
  });
}

export function renderStartFigures(figures: StartFigures): string {
  const row = (name: string, measure: StartMeasure, goal: number) => [
    name,
    `≤ ${goal} s`,
    `${measure.wallSeconds.toFixed(1)} s`,
    `${measure.cpuSeconds.toFixed(1)} CPU-s`,
    `${measure.loadAverageAtStart.toFixed(2)} → ${measure.loadAverageAtEnd.toFixed(2)}`,
    verdict(measure.wallSeconds <= goal),
  ];
  return [
    "## First and second `npm start` (issue 16)",
    "",
    `Measured ${figures.measuredAt.toISOString().slice(0, 16).replace("T", " ")} UTC with \`${figures.command}\` on ${figures.processors} processors, commit ${figures.commit}. ` +
      "A fresh `git clone` of HEAD in a temporary folder; its dependencies are this checkout's `node_modules` copied as hard links plus `prisma generate` " +
      `(what \`npm install\` adds; ${figures.preparation.dependenciesSeconds.toFixed(1)} s and ${figures.preparation.generateSeconds.toFixed(1)} s, not counted: \`npm ci\` itself depends on the network and npm's cache). ` +
      "Then `npm start` with no `DATABASE_URL` (the embedded PostgreSQL), timed from its launch until `GET /sign-in` answers 200, stopped with Ctrl-C's signal, and started again. " +
      "CPU time is user + system time of every process `npm start` ran, read when `/sign-in` first answered; it moves far less with the load than the wall time." +
      describeLoad([figures.first.loadAverageAtStart, figures.second.loadAverageAtStart], figures.processors),
    "",
    table(
      ["Start", "Goal (wall time, quiet 2-core machine)", "Wall time to /sign-in 200", "CPU time", "Load average (start → end)", "Verdict"],
      [
        row("First, fresh clone", figures.first, startGoalSeconds.first),
        row("Second, nothing changed", figures.second, startGoalSeconds.second),
      ],
    ),
    "",
    "Where the first start's time goes: its own progress lines, with when each appeared (the build runs alongside the database's steps, so their lines interleave):",
    "",
    table(["Line printed by `npm start`", "At (s)", "Until the next line (s)"], phaseRows(figures.first)),
    "",
    "The second start:",
    "",
    table(["Line printed by `npm start`", "At (s)", "Until the next line (s)"], phaseRows(figures.second)),
  ].join("\n");
}

const start = "<!-- bench:start:start (written by `npm run bench -- start`) -->";
const end = "<!-- bench:start:end -->";

/** Replaces this section of docs/benchmarks.md between its markers, or adds it before the notes. */
export async function writeStartFigures(figures: StartFigures): Promise<string> {
  const documentPath = path.resolve("docs/benchmarks.md");
  const existing = await readFile(documentPath, "utf8");
  const block = `${start}\n\n${renderStartFigures(figures)}\n\n${end}`;
  const from = existing.indexOf(start);
  const to = existing.indexOf(end);
  let document: string;
  if (from !== -1 && to > from) document = existing.slice(0, from) + block + existing.slice(to + end.length);
  else {
    const notes = existing.search(/^## Notes\b/m);
    document = notes === -1 ? `${existing.trimEnd()}\n\n${block}\n` : `${existing.slice(0, notes)}${block}\n\n${existing.slice(notes)}`;
  }
  await writeFile(documentPath, await format(document, { ...(await resolveConfig(documentPath)), filepath: documentPath }));
  return documentPath;
}
