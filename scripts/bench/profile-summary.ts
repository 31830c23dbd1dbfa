// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per
// component of the request path, as shares of all samples, so figures taken on a
// busy machine still compare (absolute times do not).
//   npx tsx scripts/bench/profile-summary.ts FILE.cpuprofile [REQUESTS] [WINDOW.json]
// WINDOW.json ({ from, to } in microseconds of the monotonic clock, written by
// profile-stance.ts) keeps only the samples of the measured load.
import { readFileSync } from "node:fs";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

// Ordered: the first match names the component. Next bundles most packages into
// .next/server chunks, where the function's URL no longer names its package, so
// a few well-known function names help.
const components: [string, RegExp][] = [
  ["idle", /^\((idle|program)\)$/],
  ["garbage collection", /^\(garbage collector\)$/],
  [
    "session (next-auth, jose, hkdf)",
    /next-auth|jose|openid|hkdf|jwtDecrypt|jwtDecode|compactDecrypt|flattenedDecrypt|gcmDecrypt|deriveKey|getDerivedEncryptionKey/i,
  ],
  ["Prisma client (query compiler, mapping)", /@prisma\/client|query_compiler|\.prisma|generated\/prisma|prisma/i],
  ["pg driver", /node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-[a-z]+)\//],
  ["React (server rendering)", /react-dom|react-server|\/react\//],
  ["Next.js (router, request handling)", /next\/dist|\.next\/server\/chunks\/[^/]*next|\[turbopack\]|turbopack/],
  ["app code (.next/server chunks)", /\.next\/server/],
  ["Node internals (http, streams, crypto)", /^node:|^$/],
];

function componentOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  for (const [name, pattern] of components) if (pattern.test(functionName) || pattern.test(url)) return name;
  return "other node_modules";
}

const [file, requestsArgument, windowFile] = process.argv.slice(2);
if (!file) {
  console.error("Usage: tsx scripts/bench/profile-summary.ts FILE.cpuprofile [REQUESTS]");
  process.exit(1);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicroseconds = new Map<number, number>();
const window = windowFile
  ? (JSON.parse(readFileSync(windowFile, "utf8")) as { from: number; to: number })
  : { from: -Infinity, to: Infinity };
let sampledAt = profile.startTime;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  sampledAt += delta;
  if (sampledAt < window.from || sampledAt > window.to) return;
  selfMicroseconds.set(id, (selfMicroseconds.get(id) ?? 0) + delta);
});

const perFunction = new Map<string, number>();
const perComponent = new Map<string, number>();
let busy = 0;
for (const [id, microseconds] of selfMicroseconds) {
  const node = byId.get(id)!;
  const component = componentOf(node);
  perComponent.set(component, (perComponent.get(component) ?? 0) + microseconds);
  if (component === "idle") continue;
  busy += microseconds;
  const where = node.callFrame.url.replace(/^.*node_modules\//, "").replace(/^.*\.next\//, ".next/");
  const key = `${node.callFrame.functionName || "(anonymous)"}  ${where}:${node.callFrame.lineNumber + 1}`;
  perFunction.set(key, (perFunction.get(key) ?? 0) + microseconds);
}

const requests = Number(requestsArgument) || 0;
const share = (microseconds: number) => `${((100 * microseconds) / busy).toFixed(1).padStart(5)} %`;
const perRequest = (microseconds: number) => (requests ? `${(microseconds / 1000 / requests).toFixed(2).padStart(6)} ms/request` : "");
console.log(
  `busy CPU ${(busy / 1e6).toFixed(2)} s${requests ? ` over ${requests} requests (${(busy / 1000 / requests).toFixed(2)} ms each)` : ""}\n`,
);
console.log("By component (self time, share of busy samples):");
for (const [name, microseconds] of [...perComponent].sort((a, b) => b[1] - a[1]))
  if (name !== "idle") console.log(`  ${share(microseconds)}  ${perRequest(microseconds)}  ${name}`);
console.log("\nTop functions by self time:");
for (const [key, microseconds] of [...perFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`  ${share(microseconds)}  ${key}`);
