"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import chartCanvasStyles from "@/components/chart-canvas.module.css";
import { NearViewportSlot } from "../charts/near-viewport-slot";
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
 * The probability history chart, its code (Chart.js, most of the page's
 * JavaScript) loaded as it nears the screen, as the dashboard's charts are:
 * on a phone it sits below the scenario's details. The table beside it
 * carries the same figures without JavaScript.
 */
export function LazyProbabilityHistoryChart(props: ComponentProps<typeof ProbabilityHistoryChart>) {
  return (
    <NearViewportSlot name="probability-chart" placeholder={<ChartPlaceholder />}>
      <ProbabilityChartCode {...props} />
    </NearViewportSlot>
  );
}
