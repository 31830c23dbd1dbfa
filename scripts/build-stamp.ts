// Decides whether `npm start` must rebuild: the build is current when no file
// that goes into it changed since the last build.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

const stampFile = path.resolve(".next/stancewatch-build-stamp");
const inputs = ["app", "components", "lib", "public", "next.config.js", "proxy.ts", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];
const ignored = new Set(["generated", "node_modules"]);

async function collect(entry: string, into: string[]) {
  const info = await stat(entry).catch(() => undefined);
  if (!info) return;
  if (info.isDirectory()) {
    for (const child of await readdir(entry)) if (!ignored.has(child)) await collect(path.join(entry, child), into);
  } else {
    into.push(`${entry}:${info.size}:${info.mtimeMs}`);
  }
}

/** The sources' fingerprint; take it before building, so files edited during the build count as changed. */
export async function fingerprintSources(): Promise<string> {
  const files: string[] = [];
  for (const input of inputs) await collect(path.resolve(input), files);
  return createHash("sha256").update(files.sort().join("\n")).digest("hex");
}

export async function buildIsCurrent(): Promise<boolean> {
  if (!existsSync(path.resolve(".next/BUILD_ID")) || !existsSync(stampFile)) return false;
  return (await readFile(stampFile, "utf8")) === (await fingerprintSources());
}

export async function recordBuild(fingerprintBeforeBuild: string): Promise<void> {
  await writeFile(stampFile, fingerprintBeforeBuild);
}
