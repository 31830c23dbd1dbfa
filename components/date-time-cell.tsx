import { splitDateTime } from "./format";

/** A table cell's instant: the date, and the UTC time under it, so date columns stay narrow. */
export function DateTimeCell({ iso, note }: { iso: string; note?: string }) {
  const { date, time } = splitDateTime(iso);
  return (
    <td className="date">
      <time dateTime={iso}>
        {date}
        <span className="cell-meta">{time}</span>
      </time>
      {note && <span className="cell-meta">{note}</span>}
    </td>
  );
}
