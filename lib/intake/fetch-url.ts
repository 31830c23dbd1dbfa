// Fetches an article page on the server without letting a user aim the server
// at its own network (SSRF). The host name is resolved once, every address it
// resolves to must be public, and the connection goes to that checked address
// (a custom `lookup` hands it to the socket), so a second DNS answer cannot
// slip in between check and connect. Each redirect is checked the same way.
// Size, time and content type are limited. FETCH_ALLOWED_HOSTS lists hosts or
// addresses exempt from the address check (tests use 127.0.0.1).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { isPublicAddress } from "./addresses";

export class FetchRefusedError extends Error {}

export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

export type FetchSettings = {
  allowedHosts: readonly string[];
  maximumBytes: number;
  timeoutMilliseconds: number;
  maximumRedirects: number;
  resolve: HostResolver;
};

const systemResolver: HostResolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

export function fetchSettingsFrom(environment: Record<string, string | undefined>): FetchSettings {
  return {
    allowedHosts: (environment.FETCH_ALLOWED_HOSTS ?? "")
      .split(",")
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
    maximumBytes: 5 * 1024 * 1024,
    timeoutMilliseconds: 15_000,
    maximumRedirects: 3,
    resolve: systemResolver,
  };
}

const acceptedTypes = ["text/html", "application/xhtml+xml"];

export type FetchedPage = { url: string; html: string };

/** Resolves the host and checks every address; returns the one to connect to. */
async function checkedAddress(url: URL, settings: FetchSettings): Promise<LookupAddress> {
  const hostname = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const allowed = (address: string) =>
    settings.allowedHosts.includes(hostname) || settings.allowedHosts.includes(address) || isPublicAddress(address);
  const family = isIP(hostname);
  let addresses: LookupAddress[];
  if (family !== 0) addresses = [{ address: hostname, family }];
  else {
    try {
      addresses = await settings.resolve(hostname);
    } catch {
      throw new FetchRefusedError(`the host name ${hostname} could not be resolved`);
    }
  }
  if (addresses.length === 0) throw new FetchRefusedError(`the host name ${hostname} could not be resolved`);
  // One private answer is enough to refuse: connecting to "the public one" would invite DNS rebinding games.
  const refused = addresses.find((entry) => !allowed(entry.address));
  if (refused)
    throw new FetchRefusedError(
      `${hostname === refused.address ? hostname : `${hostname} resolves to ${refused.address}, which`} is a private, loopback, link-local or otherwise internal address; only public web addresses can be fetched`,
    );
  return addresses[0]!;
}

function requestOnce(
  url: URL,
  address: LookupAddress,
  settings: FetchSettings,
  deadline: number,
): Promise<{ status: number; location?: string; html?: string }> {
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new FetchRefusedError(`no answer within ${settings.timeoutMilliseconds / 1000} seconds`));
    const transport = url.protocol === "https:" ? https : http;
    const request = transport.request(
      url,
      {
        method: "GET",
        headers: { accept: "text/html,application/xhtml+xml", "accept-encoding": "identity", "user-agent": "Stancewatch intake" },
        // Connect to the address checked above, never to a fresh DNS answer.
        lookup: (_hostname, options, callback) => {
          if ((options as { all?: boolean }).all) (callback as (error: null, addresses: LookupAddress[]) => void)(null, [address]);
          else (callback as (error: null, address: string, family: number) => void)(null, address.address, address.family);
        },
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          return resolve({ status, location: response.headers.location });
        }
        if (status < 200 || status >= 300) {
          response.resume();
          return reject(new FetchRefusedError(`the server answered ${status} ${response.statusMessage ?? ""}`.trim()));
        }
        const type = (response.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
        if (!acceptedTypes.includes(type)) {
          response.destroy();
          return reject(new FetchRefusedError(`the address serves ${type || "content of no stated type"}, not a web page (text/html)`));
        }
        const declared = Number(response.headers["content-length"] ?? "0");
        const tooLarge = () => new FetchRefusedError(`the page is larger than ${settings.maximumBytes / 1024 / 1024} MB`);
        if (declared > settings.maximumBytes) {
          response.destroy();
          return reject(tooLarge());
        }
        const charset = /charset=["']?([\w-]+)/i.exec(response.headers["content-type"] ?? "")?.[1] ?? "utf-8";
        const chunks: Buffer[] = [];
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > settings.maximumBytes) {
            response.destroy();
            reject(tooLarge());
          } else chunks.push(chunk);
        });
        response.on("end", () => {
          let decoder: TextDecoder;
          try {
            decoder = new TextDecoder(charset);
          } catch {
            decoder = new TextDecoder("utf-8");
          }
          resolve({ status, html: decoder.decode(Buffer.concat(chunks)) });
        });
        response.on("error", () => reject(new FetchRefusedError("the connection broke while the page was being read")));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      reject(new FetchRefusedError(`no complete answer within ${settings.timeoutMilliseconds / 1000} seconds`));
    }, remaining);
    request.on("close", () => clearTimeout(timer));
    request.on("error", (error) =>
      reject(
        error instanceof FetchRefusedError
          ? error
          : new FetchRefusedError(`the server could not be reached (${(error as NodeJS.ErrnoException).code ?? "connection failed"})`),
      ),
    );
    request.end();
  });
}

/** Fetches an http(s) page; throws FetchRefusedError with a sentence for the user on any refusal. */
export async function fetchPage(address: string, settings: FetchSettings): Promise<FetchedPage> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FetchRefusedError("is not a web address");
  }
  const deadline = Date.now() + settings.timeoutMilliseconds;
  for (let redirects = 0; ; redirects += 1) {
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new FetchRefusedError(`only http and https addresses can be fetched, not ${url.protocol}`);
    const checked = await checkedAddress(url, settings);
    const answer = await requestOnce(url, checked, settings, deadline);
    if (answer.html !== undefined) return { url: url.toString(), html: answer.html };
    if (redirects >= settings.maximumRedirects) throw new FetchRefusedError(`more than ${settings.maximumRedirects} redirects`);
    try {
      url = new URL(answer.location!, url);
    } catch {
      throw new FetchRefusedError("the server redirected to an address that is not a URL");
    }
  }
}
