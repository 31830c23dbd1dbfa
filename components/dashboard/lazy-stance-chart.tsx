"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import chartCanvasStyles from "@/components/chart-canvas.module.css";
import { NearViewportSlot } from "../charts/near-viewport-slot";
import type { StanceOverTimeChart } from "./stance-over-time-chart";
import styles from "./stance-over-time-chart.module.css";

/** Keeps the chart's size and its button row until it is drawn, so nothing moves (the panel's placeholder shows it too). */
export function StanceChartPlaceholder() {
  return (
    <div aria-busy="true">
      <div className={chartCanvasStyles.chartCanvas} />
      <div className={styles.actions}>
        <button type="button" className="button button--small" disabled>
          Download PNG
        </button>
      </div>
    </div>
  );
}

const StanceChartCode = dynamic(() => import("./stance-over-time-chart").then((module) => module.StanceOverTimeChart), {
  ssr: false,
  loading: StanceChartPlaceholder,
});

/**
 * The stance chart, its code (Chart.js and its plugins, most of the
 * dashboard's JavaScript) fetched and run only once the chart is on screen or
 * nearly so: a canvas has nothing to show before its script runs, so rendering
 * it on the server saved nothing, and a chart nobody scrolls to costs nothing
 * (docs/decisions/0037; on a phone the first chart is on the first screen, 0048).
 * Until it is drawn the placeholder keeps the chart's size.
 */
export function LazyStanceOverTimeChart(props: ComponentProps<typeof StanceOverTimeChart>) {
  return (
    <NearViewportSlot name="stance-chart" placeholder={<StanceChartPlaceholder />}>
      <StanceChartCode {...props} />
    </NearViewportSlot>
  );
}
