"use client";

import { type ChartData, type ChartOptions, type TooltipItem } from "chart.js";
import { useMemo } from "react";
import { Chart } from "react-chartjs-2";
import type { CalibrationBin } from "@/lib/scenarios/accuracy";
import styles from "./track-record.module.css";
// Registers the line chart's parts (never chart.js/auto), as for the other charts.
import "../charts/line-chart-setup";

type CalibrationPoint = { x: number; y: number; weight: number; questionCount: number };

/** Point area grows with the questions' worth of forecasts behind it, so a bin resting on half a question looks it. */
function radiusFor(weight: number): number {
  return Math.min(14, 4 + 4 * Math.sqrt(weight));
}

/**
 * A reliability diagram: for each 10-point bin of forecasts, the mean forecast
 * (x) against how often those questions came about (y). On the diagonal is
 * perfect calibration; below it, overconfidence in "yes".
 */
export function CalibrationChart({ bins, summary }: { bins: CalibrationBin[]; summary: string }) {
  const { data, options } = useMemo(() => {
    const points: CalibrationPoint[] = bins.flatMap((bin) =>
      bin.meanForecast === null || bin.observedFrequency === null
        ? []
        : [{ x: bin.meanForecast * 100, y: bin.observedFrequency * 100, weight: bin.weight, questionCount: bin.questionCount }],
    );
    const chartData: ChartData<"line", CalibrationPoint[]> = {
      datasets: [
        {
          label: "Forecasts",
          data: points,
          borderColor: "#0b5cad",
          backgroundColor: "#0b5cad",
          borderWidth: 2,
          // Dots only: a line between bins would suggest values between them that no forecast had.
          showLine: false,
          pointRadius: points.map((point) => radiusFor(point.weight)),
          pointHoverRadius: points.map((point) => radiusFor(point.weight) + 2),
          order: 1,
        },
        {
          label: "Perfect calibration",
          data: [
            { x: 0, y: 0, weight: 0, questionCount: 0 },
            { x: 100, y: 100, weight: 0, questionCount: 0 },
          ],
          borderColor: "#8c959f",
          backgroundColor: "#8c959f",
          borderDash: [6, 4],
          borderWidth: 1,
          pointRadius: 0,
          pointHoverRadius: 0,
          pointHitRadius: 0,
          order: 2,
        },
      ],
    };
    const axis = (title: string) => ({
      type: "linear" as const,
      min: 0,
      max: 100,
      ticks: { stepSize: 20, callback: (value: string | number) => `${value}\u00a0%`, font: { size: 11 } },
      grid: { color: "#eef0f3" },
      title: { display: true, text: title, font: { size: 12 } },
    });
    const chartOptions: ChartOptions<"line"> = {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      animation: false,
      // Room for the largest dot at 0 % and 100 %.
      layout: { padding: 16 },
      scales: { x: axis("Forecast"), y: axis("Came about") },
      plugins: {
        legend: { position: "bottom", labels: { usePointStyle: true, boxHeight: 8 } },
        tooltip: {
          filter: (item: TooltipItem<"line">) => item.datasetIndex === 0,
          callbacks: {
            label: (item: TooltipItem<"line">) => {
              const point = item.raw as CalibrationPoint;
              return `Forecast ${point.x.toFixed(0)}\u00a0%, came about ${point.y.toFixed(0)}\u00a0% (${point.weight.toFixed(1)} questions’ worth, ${point.questionCount} questions)`;
            },
          },
        },
      },
    };
    return { data: chartData, options: chartOptions };
  }, [bins]);

  return (
    <div className={styles.calibrationCanvas} data-testid="calibration-chart" data-bins={data.datasets[0]!.data.length}>
      <Chart<"line", CalibrationPoint[]> type="line" data={data} options={options} role="img" aria-label={summary} />
    </div>
  );
}
