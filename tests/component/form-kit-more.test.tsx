import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  ActorField,
  CheckboxField,
  ChoiceField,
  ConflictComparison,
  DateField,
  FormAlert,
  TextField,
  useSchemaForm,
  type ComparedField,
  type DatePrecision,
} from "@/components/form";
import { jsonReply, stubFetchForEachTest } from "../support/stubbed-fetch";

const onSuccess = vi.fn();
const fetchMock = stubFetchForEachTest(onSuccess);
const reply = jsonReply;
const save = () => fireEvent.click(screen.getByRole("button", { name: "Save" }));

// A body that nests what the form holds flat, as the indicator form's rule does.
const nestedSchema = z.object({
  rule: z.object({ windowDays: z.number().int().min(1, "must be at least 1 day"), kind: z.enum(["MEAN", "COUNT"]) }),
  speakerId: z.string().min(1),
  urgent: z.boolean(),
  said: z.object({ on: z.iso.date("use a real date"), precision: z.enum(["DAY", "MONTH"]) }),
});

function NestedForm() {
  const form = useSchemaForm({
    schema: nestedSchema,
    idPrefix: "nested",
    initialValues: {
      windowDays: "30",
      kind: "MEAN" as "MEAN" | "COUNT",
      speakerId: "",
      urgent: false,
      on: "",
      precision: "DAY" as DatePrecision,
    },
    labels: { windowDays: "Window", kind: "Measure", speakerId: "Speaker", urgent: "Urgent", on: "Said on", precision: "Precision" },
    toBody: (values) => ({
      rule: { windowDays: Number(values.windowDays), kind: values.kind },
      speakerId: values.speakerId,
      urgent: values.urgent,
      said: { on: values.on, precision: values.precision },
    }),
    paths: { "rule.windowDays": "windowDays", "rule.kind": "kind", "said.on": "on", "said.precision": "precision" },
    messages: { speakerId: "choose who said it" },
    request: { method: "POST", url: "/api/nested" },
    onSuccess,
  });
  return (
    <form onSubmit={form.handleSubmit} noValidate aria-label="Nested">
      <FormAlert message={form.alert} signInAgain={form.signedOut ? { returnTo: "/here", then: "save here" } : undefined} />
      <TextField {...form.field("windowDays")} type="number" />
      <ChoiceField
        {...form.field("kind")}
        hint="What the rule measures."
        options={[
          { value: "MEAN", label: "Mean stance" },
          { value: "COUNT", label: "Statement count" },
        ]}
      />
      <ActorField
        {...form.field("speakerId")}
        actors={[
          { id: "a1", name: "Baghaei", detail: "Iran, spokesman" },
          { id: "a2", name: "Araghchi" },
        ]}
      />
      <CheckboxField {...form.field("urgent")} hint="Needs a look today." />
      <DateField {...form.field("on")} precision={form.field("precision")} />
      <button type="submit">Save</button>
    </form>
  );
}

describe("fields beyond text", () => {
  it("ChoiceField is a named radio group; CheckboxField a box with its hint; ActorField tells two actors apart", () => {
    render(<NestedForm />);
    const group = screen.getByRole("group", { name: "Measure" });
    expect(group.getAttribute("aria-describedby")).toBe("nested-kind-hint");
    expect((screen.getByRole("radio", { name: "Mean stance" }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole("radio", { name: "Statement count" }));
    expect((screen.getByRole("radio", { name: "Statement count" }) as HTMLInputElement).checked).toBe(true);
    const box = screen.getByRole("checkbox", { name: "Urgent" });
    expect(box.getAttribute("aria-describedby")).toBe("nested-urgent-hint");
    fireEvent.click(box);
    expect((box as HTMLInputElement).checked).toBe(true);
    const speaker = screen.getByLabelText("Speaker") as HTMLSelectElement;
    expect([...speaker.options].map((option) => option.text)).toEqual(["Choose an actor…", "Baghaei (Iran, spokesman)", "Araghchi"]);
  });

  it("DateField with precision: a date box and a day-or-month choice, each labelled and wired to its own error", async () => {
    render(<NestedForm />);
    expect((screen.getByLabelText("Said on") as HTMLInputElement).type).toBe("date");
    const precision = screen.getByLabelText("Precision") as HTMLSelectElement;
    expect([...precision.options].map((option) => option.value)).toEqual(["DAY", "MONTH"]);
    fireEvent.change(precision, { target: { value: "MONTH" } });
    fireEvent.change(screen.getByLabelText("Speaker"), { target: { value: "a1" } });
    fireEvent.change(screen.getByLabelText("Said on"), { target: { value: "2030-02-01" } });
    fetchMock.mockResolvedValue(
      reply(422, { error: "Please correct…", fieldErrors: { "said.precision": "a month date starts on the 1st" } }),
    );
    save();
    await screen.findByText("Precision: a month date starts on the 1st");
    expect(precision.getAttribute("aria-invalid")).toBe("true");
    expect(precision.getAttribute("aria-describedby")).toBe("nested-precision-error");
    const body = JSON.parse(String((fetchMock.mock.calls[0] as [string, RequestInit])[1].body)) as { said: unknown };
    expect(body.said).toEqual({ on: "2030-02-01", precision: "MONTH" });
  });

  it("puts a nested path's error (the schema's and the server's) on the flat field named for it", async () => {
    render(<NestedForm />);
    fireEvent.change(screen.getByLabelText("Window"), { target: { value: "0" } });
    save();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByText("Window: must be at least 1 day").id).toBe("nested-windowDays-error");
    expect(screen.getByText("Speaker: choose who said it")).toBeTruthy();
    expect(screen.getByText("Said on: use a real date")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("Please correct the fields marked below.");
  });

  it("offers to sign in again in a new tab when the session ended, keeping what was typed", async () => {
    render(<NestedForm />);
    fireEvent.change(screen.getByLabelText("Speaker"), { target: { value: "a2" } });
    fireEvent.change(screen.getByLabelText("Said on"), { target: { value: "2030-02-03" } });
    fetchMock.mockResolvedValue(reply(401, { error: "Your session has ended." }));
    save();
    const link = await screen.findByRole("link", { name: "Sign in again in a new tab" });
    expect(link.getAttribute("href")).toBe("/sign-in?callbackUrl=%2Fhere");
    expect(link.getAttribute("target")).toBe("_blank");
    expect((screen.getByLabelText("Said on") as HTMLInputElement).value).toBe("2030-02-03");
    fetchMock.mockResolvedValue(reply(201, { id: "n" }));
    save();
    await waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(screen.queryByRole("link", { name: "Sign in again in a new tab" })).toBeNull();
  });
});

type Values = { score: number; note: string };
const compared: ComparedField<Values>[] = [
  { name: "score", label: "Score", describe: (values) => `score ${values.score}` },
  { name: "note", label: "Note", same: (a, b) => a.note.trim() === b.note.trim(), prose: true },
];

function Comparison({ onKeep }: { onKeep: () => void }) {
  const [shown, setShown] = useState(true);
  return (
    <>
      <button type="button">Before</button>
      {shown && (
        <ConflictComparison
          id="thing-conflict"
          title="Your change was not saved"
          message="Someone saved a newer version."
          fields={compared}
          mine={{ score: 2, note: "mine " }}
          mineHeading="Your unsaved version"
          saved={{ score: 1, note: "mine" }}
          savedHeading="Saved version (version 4)"
        >
          <button type="button" onClick={() => (setShown(false), onKeep())}>
            Discard mine
          </button>
        </ConflictComparison>
      )}
    </>
  );
}

describe("ConflictComparison", () => {
  it("takes focus, names itself by its heading, and marks only the fields that differ", () => {
    const onKeep = vi.fn();
    render(<Comparison onKeep={onKeep} />);
    const region = screen.getByRole("region", { name: "Your change was not saved" });
    expect(document.activeElement?.id).toBe("thing-conflict-heading");
    expect(region.textContent).toContain("Someone saved a newer version.");
    expect(screen.getByRole("columnheader", { name: "Saved version (version 4)" })).toBeTruthy();
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(["Scorediffersscore 2score 1", "Notemine mine"]);
    fireEvent.click(screen.getByRole("button", { name: "Discard mine" }));
    expect(onKeep).toHaveBeenCalledOnce();
    expect(screen.queryByRole("region")).toBeNull();
  });
});
