// Runs in each integration and e2e worker: says which test the worker is in when its heap passes 1.5 GB, and again
// at every quarter more. Workers run one file after another (isolate: false), so work a file leaves running burdens
// the files after it; a CI run once lost a worker to an out-of-memory crash whose output named no test. A hang that
// keeps the event loop busy would silence this too; any other growth is named while it happens.
import { expect } from "vitest";

const reportAboveBytes = 1.5 * 1024 ** 3;
const watch = globalThis as { stancewatchMemoryWatch?: NodeJS.Timeout };
let reportedBytes = 0;

// Once per worker: this module runs again before every file.
watch.stancewatchMemoryWatch ??= setInterval(() => {
  const { heapUsed } = process.memoryUsage();
  if (heapUsed < reportAboveBytes || heapUsed < reportedBytes * 1.25) return;
  reportedBytes = heapUsed;
  const { testPath, currentTestName } = expect.getState();
  console.warn(`memory: this test worker's heap is ${Math.round(heapUsed / 1024 ** 2)} MB, in ${testPath} > ${currentTestName}`);
}, 10_000).unref();
