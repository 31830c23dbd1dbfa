// PGlite is one PostgreSQL session. pglite-socket shares it among connections
// by queueing each wire-protocol message on its own, so two connections'
// extended-protocol queries (Parse, Bind, Execute, Sync) can interleave, and
// one's Bind then meets the other's statement: "bind message supplies 2
// parameters, but prepared statement "" requires 6". The dashboard, which
// runs several queries at once, hit it on nearly every page.
//
// This proxy sits in front and lets one client connection talk at a time: a
// connection holds the turn from the first byte of a request until the server
// is ready for a query outside a transaction (ReadyForQuery with status 'I'),
// so a transaction keeps the turn until it ends. Nothing runs in parallel in
// PGlite anyway, so nothing is lost.
import { connect, createServer, type Socket } from "node:net";

const readyForQuery = 0x5a; // 'Z'
const idle = 0x49; // 'I'
const sslRequestCode = 80877103;

type Link = {
  client: Socket;
  upstream: Socket;
  pending: Buffer[];
  /** Unparsed bytes from the server, to find message boundaries. */
  fromServer: Buffer;
  /** The client asked for SSL: the server answers with one untyped byte. */
  awaitingSslAnswer: boolean;
  firstBytesSeen: boolean;
};

export type ClientSerialisingProxy = { stop(): Promise<void> };

/** Serves on the unix socket `listenPath` and passes each connection on to the server's unix socket `upstreamPath`. */
export async function startOneClientAtATimeProxy(upstreamPath: string, listenPath: string): Promise<ClientSerialisingProxy> {
  let holder: Link | null = null;
  const waiting: Link[] = [];
  const links = new Set<Link>();

  function flush(link: Link) {
    for (const chunk of link.pending.splice(0)) link.upstream.write(chunk);
  }

  function requestTurn(link: Link) {
    if (holder === link) return flush(link);
    if (holder === null) {
      holder = link;
      return flush(link);
    }
    if (!waiting.includes(link)) waiting.push(link);
  }

  function releaseTurn(link: Link) {
    const queued = waiting.indexOf(link);
    if (queued !== -1) waiting.splice(queued, 1);
    if (holder !== link) return;
    holder = null;
    const next = waiting.shift();
    if (next) {
      holder = next;
      flush(next);
    }
  }

  /** Watches the server's messages for the end of the holder's turn. */
  function readServer(link: Link, chunk: Buffer) {
    let buffer = Buffer.concat([link.fromServer, chunk]);
    if (link.awaitingSslAnswer && buffer.length > 0) {
      link.awaitingSslAnswer = false;
      buffer = buffer.subarray(1);
      if (link.pending.length === 0) releaseTurn(link);
    }
    while (buffer.length >= 5) {
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) break;
      if (buffer[0] === readyForQuery && buffer[5] === idle && link.pending.length === 0) releaseTurn(link);
      buffer = buffer.subarray(length);
    }
    link.fromServer = Buffer.from(buffer);
  }

  function close(link: Link) {
    if (!links.delete(link)) return;
    releaseTurn(link);
    link.client.destroy();
    link.upstream.destroy();
  }

  const server = createServer((client) => {
    const link: Link = {
      client,
      upstream: connect(upstreamPath),
      pending: [],
      fromServer: Buffer.alloc(0),
      awaitingSslAnswer: false,
      firstBytesSeen: false,
    };
    links.add(link);
    client.setNoDelay(true);
    link.upstream.setNoDelay(true);
    client.on("data", (chunk: Buffer) => {
      if (!link.firstBytesSeen && chunk.length >= 8) {
        link.firstBytesSeen = true;
        link.awaitingSslAnswer = chunk.readInt32BE(0) === 8 && chunk.readInt32BE(4) === sslRequestCode;
      }
      link.pending.push(chunk);
      requestTurn(link);
    });
    link.upstream.on("data", (chunk: Buffer) => {
      client.write(chunk);
      readServer(link, chunk);
    });
    for (const socket of [client, link.upstream]) {
      socket.on("close", () => close(link));
      socket.on("error", () => close(link));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPath, () => resolve());
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        for (const link of [...links]) close(link);
        server.close(() => resolve());
      }),
  };
}
