import net from "node:net";

/**
 * A port nothing listens on now, chosen by the system (port 0). A port picked at random can be one in use, by a
 * listener or by an outgoing connection's ephemeral port, and the server started on it exits at once. Asked of
 * 127.0.0.1 unless `host` is null (every interface, for a server that will listen on all of them).
 */
export function freePort(host: string | null = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, ...(host === null ? {} : { host }) }, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
