"use client";

import { useRouter } from "next/navigation";
import { choicesOf } from "@/lib/choices";
import { isResolvedStatus, scenarioStatusLabels } from "@/lib/scenarios/labels";
import type { ScenarioStatusValue } from "@/lib/scenarios/types";
import { formatDay } from "../format";
import { CheckboxField, ConflictComparison, DateField, FormMessages, SelectField, useSchemaForm, type ComparedField } from "../form";
import styles from "./scenario-status-form.module.css";

type StatusValues = { version: number; status: ScenarioStatusValue; resolvedOn: string; resolveOthersNo: boolean };

const compared: ComparedField<StatusValues>[] = [
  { name: "status", label: "Status", describe: (values) => scenarioStatusLabels[values.status] },
  {
    name: "resolvedOn",
    label: "Resolved on",
    describe: (values) => (isResolvedStatus(values.status) && values.resolvedOn ? formatDay(values.resolvedOn) : "—"),
    same: (a, b) => (isResolvedStatus(a.status) ? a.resolvedOn : "") === (isResolvedStatus(b.status) ? b.resolvedOn : ""),
  },
];

/** What the server said the scenario now is, when another save came first. */
function currentValues(value: unknown): StatusValues | null {
  if (!value || typeof value !== "object") return null;
  const candidate = value as { status?: unknown; resolvedOn?: unknown; version?: unknown };
  if (typeof candidate.version !== "number" || typeof candidate.status !== "string") return null;
  const resolvedOn = typeof candidate.resolvedOn === "string" ? candidate.resolvedOn : "";
  return { version: candidate.version, status: candidate.status as ScenarioStatusValue, resolvedOn, resolveOthersNo: false };
}

/**
 * Resolve (yes or no), withdraw or reopen a scenario. The edit carries the
 * version the page showed; if someone changed the scenario meanwhile the
 * server refuses it (409) and this shows both side by side. Keyed by version
 * on the page, so a refresh after saving starts it afresh.
 */
export function ScenarioStatusForm({
  scenarioId,
  version,
  status,
  resolvedOn,
  horizonOn,
  today,
  openSiblingCount = 0,
}: {
  scenarioId: string;
  version: number;
  status: ScenarioStatusValue;
  resolvedOn: string | null;
  horizonOn: string;
  today: string;
  /** In a mutually exclusive set: its other open scenarios, which resolving this one "yes" offers to resolve "no". */
  openSiblingCount?: number;
}) {
  const router = useRouter();
  const form = useSchemaForm<StatusValues>({
    schema: () => import("@/lib/scenarios/schemas").then((schemas) => schemas.scenarioStatusUpdateSchema),
    idPrefix: "scenario",
    // Resolution is usually judged on the horizon date, or today if that is still to come.
    initialValues: { version, status, resolvedOn: resolvedOn ?? (horizonOn < today ? horizonOn : today), resolveOthersNo: true },
    labels: {
      version: "Version",
      status: "Status",
      resolvedOn: "Resolved on",
      resolveOthersNo: `Also resolve the ${openSiblingCount === 1 ? "other open scenario" : `other ${openSiblingCount} open scenarios`} of this set “no”`,
    },
    toBody: (values) => ({
      ...values,
      resolvedOn: isResolvedStatus(values.status) ? values.resolvedOn || null : null,
      resolveOthersNo: values.status === "RESOLVED_YES" && openSiblingCount > 0 && values.resolveOthersNo,
    }),
    request: { method: "PATCH", url: `/api/scenarios/${encodeURIComponent(scenarioId)}` },
    onSuccess: () => router.refresh(),
  });
  const resolving = isResolvedStatus(form.values.status);
  const unchanged = form.values.status === status && (!resolving || form.values.resolvedOn === resolvedOn);
  const current = form.conflict && currentValues(form.conflict.current);

  return (
    <form
      className={`form form--compact ${styles.statusForm}`}
      onSubmit={(event) => (unchanged ? event.preventDefault() : void form.handleSubmit(event))}
      noValidate
      aria-label="Scenario status"
    >
      <FormMessages form={{ ...form, alert: form.alert ?? (form.conflict && !current ? `Not saved: ${form.conflict.message}` : null) }} />
      {current && (
        <ConflictComparison
          id="scenario-status-conflict"
          title="The status was not saved"
          message={form.conflict?.message ?? ""}
          fields={compared}
          mine={form.values}
          mineHeading="Your choice"
          saved={current}
          savedHeading={`Saved (version ${current.version})`}
        >
          <button type="button" className="button button--small" onClick={() => router.refresh()}>
            Show the current version
          </button>
        </ConflictComparison>
      )}
      <div className={styles.row}>
        <SelectField {...form.field("status")} options={choicesOf(scenarioStatusLabels)} />
        {resolving && <DateField {...form.field("resolvedOn")} hint="Estimates after this date are not scored." />}
        {form.values.status === "RESOLVED_YES" && openSiblingCount > 0 && <CheckboxField {...form.field("resolveOthersNo")} />}
        <div className={`form__actions ${styles.actions}`}>
          <button type="submit" className="button" disabled={form.pending || unchanged}>
            {form.pending ? "Saving…" : "Save status"}
          </button>
        </div>
      </div>
    </form>
  );
}
