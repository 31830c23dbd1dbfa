// The production web server (`npm start` and the HTTP tests run it in place of
// `next start`). Next.js gives route handlers no socket address and passes a
// client's own X-Forwarded-For through, so this server decides the client
// address from the socket and the trusted proxies (TRUSTED_PROXY_HOPS or
// TRUSTED_PROXIES) and overwrites the headers the app reads. It also refuses
// oversized sign-in bodies before anything reads them, and addresses with a
// malformed %-escape, which Next.js would answer with a bare 500.
//   node --import tsx scripts/serve.ts [-p PORT] [-H HOST]
import http from "node:http";
import next from "next";
import { readKeptChartsBytes, readPort, readShiftMinimumStatements } from "../lib/config/environment";
import { clientAddressHeader, markTrustedServer, signInBodyLimitBytes } from "../lib/http/trusted-server";
import { readProxyTrust, resolveClientAddress } from "../lib/http/client-address";
import { fail } from "./cli";

function argument(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index === -1 ? undefined : process.argv[index + 1];
}

let port: number;
let trust: ReturnType<typeof readProxyTrust>;
try {
  port = readPort({ PORT: argument("-p") ?? process.env.PORT });
  trust = readProxyTrust(process.env);
  // Read again where they are used; checked here so that a mistake stops the start rather than each request.
  readKeptChartsBytes(process.env);
  readShiftMinimumStatements(process.env);
} catch (error) {
  fail((error as Error).message);
}
// Without -H, every interface (IPv4 and IPv6), as `next start` does.
const hostname = argument("-H");

function refuse(response: http.ServerResponse, status: number, message: string) {
  response.writeHead(status, { "content-type": "application/json", connection: "close" });
  response.end(JSON.stringify({ error: message }));
}

/** Next.js answers a path with a malformed %-escape (/api/codings/%E0%A4%A) with a bare 500 before any app code runs. */
function hasMalformedEscape(url: string): boolean {
  try {
    decodeURIComponent(url.split("?")[0] ?? "");
    return false;
  } catch {
    return true;
  }
}

markTrustedServer();
const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((request, response) => {
  const address = resolveClientAddress(request.socket.remoteAddress, request.headers["x-forwarded-for"], trust);
  request.headers[clientAddressHeader] = address;
  // Whatever the client sent, code that reads X-Forwarded-For sees only the trusted address.
  request.headers["x-forwarded-for"] = address;
  if (request.url && hasMalformedEscape(request.url))
    return refuse(response, 400, "The address has a malformed %-escape, so it names no page or record. Check the link.");
  if (request.method === "POST" && request.url?.startsWith("/api/auth/")) {
    const length = request.headers["content-length"];
    if (length === undefined) return refuse(response, 411, "Send the sign-in form with a Content-Length.");
    if (Number(length) > signInBodyLimitBytes)
      return refuse(response, 413, `The sign-in form may be at most ${signInBodyLimitBytes / 1024} KB.`);
  }
  void handle(request, response);
});
server.listen(port, hostname, () => console.log(`Listening on http://${hostname ?? "localhost"}:${port}`));
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
