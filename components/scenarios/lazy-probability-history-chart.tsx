"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import chartCanvasStyles from "@/components/chart-canvas.module.css";
import { useNearViewport } from "../charts/use-near-viewport";
import type { ProbabilityHistoryChart } from "./probability-history-chart";

/** Keeps the chart's size until it is drawn, so nothing moves. */
function ChartPlaceholder() {
  return <div className={chartCanvasStyles.chartCanvas} aria-busy="true" />;
}

const ProbabilityChartCode = dynamic(() => import("./probability-history-chart").then((module) => module.ProbabilityHistoryChart), {
  ssr: false,
  loading: ChartPlaceholder,
});

/**
 * The probability history chart with its code (Chart.js, most of the page's
 * JavaScript) fetched and run only once it is on screen or nearly so, as the
 * dashboard's charts are: on a phone it sits below the scenario's details.
 * The table beside it carries the same figures without JavaScript.
 */
export function LazyProbabilityHistoryChart(props: ComponentProps<typeof ProbabilityHistoryChart>) {
  const [slot, nearViewport] = useNearViewport<HTMLDivElement>();
  return (
    <div ref={slot} data-probability-chart-slot="">
      {nearViewport ? <ProbabilityChartCode {...props} /> : <ChartPlaceholder />}
    </div>
  );
}
