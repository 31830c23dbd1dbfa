// Throughput of GET /api/stance on the seed against the framework's floor,
// Next's own GET /api/auth/csrf (a next-auth route: no database, a few bytes
// of JSON), served by the same process in the same run. The two alternate in
// short rounds (ABBA order), so load from other work on the machine falls on
// both alike; the figure is the ratio per round, reported with its spread.
import os from "node:os";
import autocannon from "autocannon";
import { onCleanup } from "./cleanup";
import { summariseTimings, type TimingSummary } from "./statistics";

export const throughputShape = { connections: 32, rounds: 6, secondsPerMeasure: 8, warmUpSeconds: 3 } as const;
export const throughputGoal = 0.4;

export type ThroughputRound = {
  loadAverage: number;
  floorRequestsPerSecond: number;
  stanceRequestsPerSecond: number;
  ratio: number;
  failures: number;
};

export type ThroughputFigures = {
  stancePath: string;
  floorPath: string;
  connections: number;
  secondsPerMeasure: number;
  rounds: ThroughputRound[];
  floor: TimingSummary;
  stance: TimingSummary;
  ratio: TimingSummary;
  loadAverageAtStart: number;
};

async function requestsPerSecond(url: string, cookie: string, seconds: number): Promise<{ perSecond: number; failures: number }> {
  const instance = autocannon({ url, connections: throughputShape.connections, duration: seconds, headers: { cookie } });
  const stop = onCleanup("stop the load generator", () => instance.stop());
  const result = await instance;
  await stop();
  return { perSecond: result.requests.total / seconds, failures: result.errors + result.timeouts + result.non2xx };
}

export async function measureThroughput(
  appUrl: string,
  stancePath: string,
  cookie: string,
  log: (message: string) => void,
): Promise<ThroughputFigures> {
  const floorPath = "/api/auth/csrf";
  const loadAverageAtStart = os.loadavg()[0]!;
  // Warm-up: JIT, the connection pool, Next's route modules.
  await requestsPerSecond(`${appUrl}${floorPath}`, cookie, throughputShape.warmUpSeconds);
  await requestsPerSecond(`${appUrl}${stancePath}`, cookie, throughputShape.warmUpSeconds);
  const rounds: ThroughputRound[] = [];
  for (let round = 0; round < throughputShape.rounds; round += 1) {
    const loadAverage = os.loadavg()[0]!;
    const measure = (path: string) => requestsPerSecond(`${appUrl}${path}`, cookie, throughputShape.secondsPerMeasure);
    // ABBA: the floor first in even rounds, the endpoint first in odd ones, so a trend in the machine's load cancels out.
    let floor, stance;
    if (round % 2 === 0) {
      floor = await measure(floorPath);
      stance = await measure(stancePath);
    } else {
      stance = await measure(stancePath);
      floor = await measure(floorPath);
    }
    const figures = {
      loadAverage,
      floorRequestsPerSecond: floor.perSecond,
      stanceRequestsPerSecond: stance.perSecond,
      ratio: stance.perSecond / floor.perSecond,
      failures: floor.failures + stance.failures,
    };
    rounds.push(figures);
    log(
      `round ${round + 1}: csrf ${figures.floorRequestsPerSecond.toFixed(0)} req/s, stance ${figures.stanceRequestsPerSecond.toFixed(0)} req/s ` +
        `(${(figures.ratio * 100).toFixed(0)} %), load average ${loadAverage.toFixed(1)}`,
    );
  }
  return {
    stancePath,
    floorPath,
    connections: throughputShape.connections,
    secondsPerMeasure: throughputShape.secondsPerMeasure,
    rounds,
    floor: summariseTimings(rounds.map((round) => round.floorRequestsPerSecond)),
    stance: summariseTimings(rounds.map((round) => round.stanceRequestsPerSecond)),
    ratio: summariseTimings(rounds.map((round) => round.ratio)),
    loadAverageAtStart,
  };
}
