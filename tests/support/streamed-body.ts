/**
 * A request body of spaces streamed in chunks without Content-Length, as a client that sends faster than the server
 * reads would, for the tests of the body limits.
 *
 * It always ends: at `bytes`, or when `stop()` is called (a test calls it when it is done, so a connection the server
 * left open stops being fed). It waits for the event loop's next turn once a megabyte, a precaution: even a consumer
 * that never waited on its socket could then not keep the worker's timers (test timeouts included) from running.
 * Test workers run many files one after another (isolate: false), so a body left streaming would burden every file
 * after its own.
 */
export function streamedBody(bytes: number, chunkBytes = 64 * 1024) {
  const chunk = new TextEncoder().encode(" ".repeat(chunkBytes));
  const progress = { sent: 0 };
  let stopped = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Once a megabyte: often enough that nothing starves, rarely enough to send as fast as the server reads.
      if (progress.sent % (1024 * 1024) < chunk.byteLength) await new Promise((resolve) => setImmediate(resolve));
      if (stopped || progress.sent >= bytes) return controller.close();
      progress.sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return {
    progress,
    /** The fetch options that send it. */
    init: { method: "POST", body: stream, duplex: "half" } as RequestInit,
    stop: () => {
      stopped = true;
    },
  };
}
