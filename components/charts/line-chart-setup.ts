// What every line chart registers and draws under it, written once. Only the
// parts used are registered (never chart.js/auto), so pages ship no unused
// controllers; a chart that needs more (scatter, titles, annotations) registers those itself.

import {
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartType,
  type Plugin,
} from "chart.js";

ChartJS.register(LinearScale, PointElement, LineElement, LineController, Tooltip, Legend);

/**
 * A white canvas: otherwise it is transparent and shows the grey page behind
 * it, and exported PNGs pasted into briefings show whatever lies behind them.
 */
export const whiteBackground: Plugin<ChartType> = {
  id: "whiteBackground",
  beforeDraw: (chart) => {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export const chartPlugins = [whiteBackground];
