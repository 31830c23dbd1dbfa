// The dashboard page `/` at a million codings, default view, as the server
// sends it: time to the first byte, to the first chart's HTML (the first
// stance panel; sections after it may still be streaming) and to the end of
// the response. Each run alternates with the app's 404 page, the same
// layout with no data, so load from other work falls on both alike.
import os from "node:os";
import type { HttpSession } from "../../tests/support/http-session";
import { summariseTimings, type TimingSummary } from "./statistics";

export const dashboardPageShape = { warmUps: 1, runs: 7 } as const;
export const dashboardPageGoalMilliseconds = 1000;
// The first stance panel's heading (components/dashboard/stance-panel.tsx); its class names are CSS-module hashes.
const firstChartMarker = 'id="stance-toward-';

export type PageTiming = { firstByte: number; firstChart: number | null; complete: number; bytes: number };

export type DashboardPageFigures = {
  path: string;
  firstByte: TimingSummary;
  firstChart: TimingSummary;
  complete: TimingSummary;
  floorComplete: TimingSummary;
  bytes: number;
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
};

async function timePage(session: HttpSession, path: string, expectedStatus: number): Promise<PageTiming> {
  const started = performance.now();
  const response = await session.request(path);
  const firstByte = performance.now() - started;
  if (response.status !== expectedStatus) throw new Error(`GET ${path} answered ${response.status}, not ${expectedStatus} (signed in?)`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let html = "";
  let firstChart: number | null = null;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    html += decoder.decode(value, { stream: true });
    if (firstChart === null && html.includes(firstChartMarker)) firstChart = performance.now() - started;
  }
  return { firstByte, firstChart, complete: performance.now() - started, bytes: Buffer.byteLength(html) };
}

export async function measureDashboardPage(
  session: HttpSession,
  path: string,
  log: (message: string) => void,
): Promise<DashboardPageFigures> {
  const loadAverageAtStart = os.loadavg()[0]!;
  const page: PageTiming[] = [];
  const floor: PageTiming[] = [];
  for (let run = 0; run < dashboardPageShape.warmUps + dashboardPageShape.runs; run += 1) {
    const measured = await timePage(session, path, 200);
    const blank = await timePage(session, "/this-page-does-not-exist", 404);
    if (measured.firstChart === null) throw new Error(`GET ${path} sent no chart (no ${firstChartMarker} in its HTML).`);
    if (run < dashboardPageShape.warmUps) continue;
    page.push(measured);
    floor.push(blank);
    log(
      `run ${run}: first byte ${measured.firstByte.toFixed(0)} ms, first chart ${measured.firstChart.toFixed(0)} ms, ` +
        `complete ${measured.complete.toFixed(0)} ms (404 page ${blank.complete.toFixed(0)} ms)`,
    );
  }
  return {
    path,
    firstByte: summariseTimings(page.map((timing) => timing.firstByte)),
    firstChart: summariseTimings(page.map((timing) => timing.firstChart!)),
    complete: summariseTimings(page.map((timing) => timing.complete)),
    floorComplete: summariseTimings(floor.map((timing) => timing.complete)),
    bytes: page.at(-1)!.bytes,
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg()[0]!,
  };
}
