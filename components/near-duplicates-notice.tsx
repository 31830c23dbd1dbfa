import Link from "@/components/link";
import { formatDay } from "./format";

export type NearDuplicateSummary = { id: string; title: string; publisher: string; publishedOn: string; overlap: number };

/** On a source page: other sources that repeat most of this one's text (wire copy republished with small edits). */
export function NearDuplicatesNotice({ duplicates, canEdit }: { duplicates: NearDuplicateSummary[]; canEdit: boolean }) {
  if (duplicates.length === 0) return null;
  return (
    <aside className="notice" aria-label="Near duplicates">
      <strong>Near duplicate.</strong> {duplicates.length === 1 ? "Another source repeats" : `${duplicates.length} other sources repeat`}{" "}
      most of this text:
      <ul>
        {duplicates.map((duplicate) => (
          <li key={duplicate.id}>
            <Link href={`/sources/${duplicate.id}`}>{duplicate.title}</Link> ({duplicate.publisher},{" "}
            <time dateTime={duplicate.publishedOn}>{formatDay(duplicate.publishedOn)}</time>; {Math.round(duplicate.overlap * 100)} % of the
            text)
          </li>
        ))}
      </ul>
      {canEdit && "If it is the same story, code it in one of them and mark the others “Reviewed, nothing to code” so coders skip them."}
    </aside>
  );
}
