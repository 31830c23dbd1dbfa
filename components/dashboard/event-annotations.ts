// Events as dashed vertical lines labelled by title, the same on every time chart.
import type { AnnotationOptions } from "chartjs-plugin-annotation";
import type { ChartEventMarker } from "@/lib/dashboard/types";
import { truncate } from "../format";
import { utcTimestamp } from "./time-axis";

export function eventAnnotations(events: ChartEventMarker[]): Record<string, AnnotationOptions> {
  return Object.fromEntries(
    events.map((event, index) => [
      event.id,
      {
        type: "line",
        scaleID: "x",
        value: utcTimestamp(event.occurredOn),
        borderColor: "rgba(60, 60, 67, 0.6)",
        borderWidth: 1,
        borderDash: [4, 4],
        drawTime: "beforeDatasetsDraw",
        label: {
          // Beyond a dozen events the labels would cover the data; the lines stay and the summary and table name them.
          display: events.length <= 12,
          content: truncate(event.title, 26),
          // Four label slots, so neighbouring events' labels do not overlap.
          position: index % 2 === 0 ? "start" : "end",
          yAdjust: [0, 0, 22, -22][index % 4],
          font: { size: 11 },
          color: "#1f2328",
          backgroundColor: "rgba(255, 255, 255, 0.92)",
          padding: 3,
        },
      } satisfies AnnotationOptions,
    ]),
  );
}
