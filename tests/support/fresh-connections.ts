// Runs in each e2e test worker: every fetch from the tests opens its own connection to the app.
//
// A worker runs one file after another (isolate: false, vitest.config.ts), so a kept-alive connection from the
// last file may be handed to the next one's first request. The app server closes a connection left idle for 5 s;
// when that close lands while the worker is busy importing the next file, fetch has not yet heard of it, sends
// on the dead socket and fails with ECONNRESET (seen in find-anything's first request). A request that says
// "Connection: close" is never sent on an old connection, and no test here measures connection reuse.
const fetchWithKeptAliveConnections = globalThis.fetch;

globalThis.fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  if (!headers.has("connection")) headers.set("connection", "close");
  return fetchWithKeptAliveConnections(input, { ...init, headers });
};
