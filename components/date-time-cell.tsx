import { splitDateTime } from "./format";

/** A table cell's instant: the date, and the UTC time under it, so date columns stay narrow. */
export function DateTimeCell({
  iso,
  note,
  label,
}: {
  iso: string;
  note?: string;
  /** The column's name, for a stacked row. */ label?: string;
}) {
  const { date, time } = splitDateTime(iso);
  return (
    <td className="date" data-label={label}>
      <time dateTime={iso}>
        {date}
        <span className="cell-meta">{time}</span>
      </time>
      {note && <span className="cell-meta">{note}</span>}
    </td>
  );
}
