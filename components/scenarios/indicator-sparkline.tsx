import type { IndicatorView } from "@/lib/scenarios/types";
import { sparklineDomain, sparklinePath, sparklineY, type SparklineBox } from "@/lib/scenarios/sparkline";
import { formatDay } from "../format";
import styles from "./indicator-sparkline.module.css";

const size = { width: 160, height: 40, padding: 3 };

/**
 * The indicator's daily values as a line, with its threshold dashed. Days
 * without a value are gaps. Decorative beside the numbers, which say the same
 * in words; its title names the span for those who hover.
 */
export function IndicatorSparkline({ indicator }: { indicator: IndicatorView }) {
  const { history, rule } = indicator;
  const box: SparklineBox = { ...size, ...sparklineDomain(rule.kind, history, rule.threshold) };
  const path = sparklinePath(history, box);
  const thresholdY = sparklineY(rule.threshold, box);
  const first = history[0];
  const last = history.at(-1);
  return (
    <svg
      className={styles.sparkline}
      width={size.width}
      height={size.height}
      viewBox={`0 0 ${size.width} ${size.height}`}
      role="img"
      aria-label={first && last ? `Daily values from ${formatDay(first.on)} to ${formatDay(last.on)}, threshold dashed` : "No history"}
    >
      <line className={styles.threshold} x1={0} x2={size.width} y1={thresholdY} y2={thresholdY} />
      {path && <path className={styles.line} d={path} />}
    </svg>
  );
}
