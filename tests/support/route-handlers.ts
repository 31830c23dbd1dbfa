// The app's route handlers, discovered from the source tree (app/**/route.ts),
// so that tests covering every route fail when one is added without them.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export const mutatingMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type RouteHandler = { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; path: string };

export async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every exported HTTP method of every route.ts under app/, with its path pattern (e.g. `/api/codings/[id]`). */
export async function discoverRouteHandlers(): Promise<RouteHandler[]> {
  const handlers: RouteHandler[] = [];
  for (const file of (await filesUnder(path.resolve("app"))).filter((name) => /\/route\.tsx?$/.test(name))) {
    const source = await readFile(file, "utf8");
    const routePath = `/${path.relative(path.resolve("app"), path.dirname(file))}`;
    const methods = new Set<RouteHandler["method"]>();
    for (const match of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
      methods.add(match[1] as RouteHandler["method"]);
    for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const part of match[1]!.split(",")) {
        const exported = part
          .trim()
          .split(/\s+as\s+/)
          .at(-1)!;
        if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(exported)) methods.add(exported as RouteHandler["method"]);
      }
    }
    for (const method of methods) handlers.push({ method, path: routePath });
  }
  return handlers.sort((first, second) => `${first.method} ${first.path}`.localeCompare(`${second.method} ${second.path}`));
}
