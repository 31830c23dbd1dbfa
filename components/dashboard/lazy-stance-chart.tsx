"use client";

import dynamic from "next/dynamic";
import chartCanvasStyles from "@/components/chart-canvas.module.css";
import styles from "./stance-over-time-chart.module.css";

/**
 * The stance chart, its code (Chart.js and its plugins, most of the
 * dashboard's JavaScript) fetched only once the page has hydrated: a canvas has
 * nothing to show before its script runs, so rendering it on the server saved
 * nothing, and loading it with the page held up hydration and the filters.
 * Until it arrives the placeholder keeps the chart's size, so nothing moves.
 */
export const LazyStanceOverTimeChart = dynamic(() => import("./stance-over-time-chart").then((module) => module.StanceOverTimeChart), {
  ssr: false,
  loading: () => (
    <div aria-busy="true">
      <div className={chartCanvasStyles.chartCanvas} />
      <div className={styles.actions}>
        <button type="button" className="button button--small" disabled>
          Download PNG
        </button>
      </div>
    </div>
  ),
});
