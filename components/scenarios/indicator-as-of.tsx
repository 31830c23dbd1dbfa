import Link from "@/components/link";
import type { ScenarioDetail } from "@/lib/scenarios/types";
import { formatDay } from "../format";
import styles from "./indicator-as-of.module.css";
import inlineFormStyles from "@/components/inline-form.module.css";

const reasons: Record<ScenarioDetail["asOfReason"], string> = {
  requested: "the date you asked for",
  today: "today",
  "latest statement":
    "the date of the latest coded statement: the corpus ends before today, and windows ending today would hold nothing to evaluate",
};

/**
 * The date the indicators are evaluated for, why that date, and a plain GET
 * form to choose another (?asOf=YYYY-MM-DD), which works without script.
 */
export function IndicatorAsOf({
  path,
  asOf,
  asOfReason,
  invalidRequest,
}: {
  path: string;
  asOf: string;
  asOfReason: ScenarioDetail["asOfReason"];
  /** What was asked for when it was not a date, so the page fell back. */
  invalidRequest: string | null;
}) {
  return (
    <div className={styles.asOf}>
      {invalidRequest !== null && (
        <p className="alert" role="alert">
          “{invalidRequest}” is not a date written YYYY-MM-DD, so the usual date is used.
        </p>
      )}
      <p className={styles.statement}>
        Evaluated as of <time dateTime={asOf}>{formatDay(asOf)}</time>, {reasons[asOfReason]}.
      </p>
      <form className={`${inlineFormStyles.inlineForm} ${styles.form}`} method="get" action={path}>
        <label htmlFor="indicators-as-of">Evaluate as of</label>
        <input id="indicators-as-of" type="date" name="asOf" defaultValue={asOf} required />
        <button type="submit" className="button button--small">
          Evaluate
        </button>
        {asOfReason === "requested" && (
          <Link href={path} className={styles.reset}>
            Back to the usual date
          </Link>
        )}
      </form>
    </div>
  );
}
