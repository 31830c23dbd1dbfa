import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { StatementInSource } from "@/lib/data/sources";
import type { StatementView } from "@/lib/data/statements";
import type { TextSpan } from "@/lib/sources/offsets";
import { StatementCorrectionForm } from "@/components/statement-correction-form";
import { jsonReply, sentBody, stubFetchForEachTest } from "../support/stubbed-fetch";

// The correction form's paths the browser test does not take: a stale save
// shown side by side and re-applied, the server's span errors on the quote,
// and a stale delete.
const text = "Tehran said it is ready to talk. Washington said sanctions stay.";
const actors = [
  { id: "a1", name: "Abbas Araghchi" },
  { id: "a2", name: "Ali Akbar Velayati" },
];
const statement: StatementInSource = {
  id: "s1",
  version: 1,
  quote: "Tehran said it is ready to talk.",
  startOffset: 0,
  endOffset: 32,
  translation: null,
  speaker: { id: "a1", name: "Abbas Araghchi" },
  saidOn: "2024-10-01",
  saidOnPrecision: "DAY",
  form: "DIRECT_QUOTE",
  channel: "INTERVIEW",
  codings: [],
  hiddenCodingCount: 0,
  adjudications: [],
};
const saved = (changes: Partial<StatementView>): StatementView => ({
  ...statement,
  source: { id: "src", title: "Article", publishedOn: "2024-10-02" },
  createdAt: "2024-10-02T10:00:00.000Z",
  updatedAt: "2024-10-02T11:00:00.000Z",
  codingCount: 0,
  ...changes,
});

const onSaved = vi.fn();
const onDeleted = vi.fn();
const fetchMock = stubFetchForEachTest(onSaved, onDeleted);
afterEach(() => {
  vi.restoreAllMocks();
});
const reply = jsonReply;
const sent = (call: number) => sentBody(fetchMock, call);

function Workspace() {
  const [span, setSpan] = useState<TextSpan>({ startOffset: 0, endOffset: 32 });
  return (
    <>
      <button type="button" onClick={() => setSpan({ startOffset: 0, endOffset: 18 })}>
        Select other words
      </button>
      <StatementCorrectionForm
        statement={statement}
        text={text}
        span={span}
        actors={actors}
        onSpanChange={setSpan}
        onCancel={() => {}}
        onSaved={onSaved}
        onDeleted={onDeleted}
      />
    </>
  );
}

describe("StatementCorrectionForm", () => {
  it("sends the span as offsets, and puts the server's quote error on the quote", async () => {
    render(<Workspace />);
    fireEvent.click(screen.getByRole("button", { name: "Select other words" }));
    expect(screen.getByText(/New words, cut from the text\./)).toBeTruthy();
    fetchMock.mockResolvedValue(reply(422, { error: "Please correct…", fieldErrors: { endOffset: "the span cuts a word in two" } }));
    fireEvent.click(screen.getByRole("button", { name: "Save correction" }));
    await screen.findByText(/the span cuts a word in two/);
    expect(sent(0)).toMatchObject({ version: 1, speakerId: "a1", startOffset: 0, endOffset: 18 });
    expect(sent(0)).not.toHaveProperty("span");
  });

  it("shows a stale save beside the saved version and re-applies the change over it", async () => {
    render(<Workspace />);
    fireEvent.click(screen.getByRole("button", { name: "Select other words" }));
    fetchMock.mockResolvedValueOnce(
      reply(409, {
        error: "Someone saved this statement since you opened it.",
        current: saved({ version: 2, channel: "PRESS_CONFERENCE" }),
      }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Save correction" }));
    await screen.findByRole("heading", { name: "Your correction was not saved" });
    expect(screen.getByText(/Saved version \(2,/)).toBeTruthy();
    fetchMock.mockResolvedValueOnce(reply(200, saved({ version: 3, channel: "PRESS_CONFERENCE", endOffset: 18, codingCount: 1 })));
    fireEvent.click(screen.getByRole("button", { name: "Re-apply my change" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    // Their channel and my span, on their version.
    expect(sent(1)).toMatchObject({ version: 2, channel: "PRESS_CONFERENCE", startOffset: 0, endOffset: 18 });
    expect(onSaved.mock.calls[0]![0]).toMatch(/^Statement corrected \(version 3\)\. Its codings are kept/);
  });

  it("shows a stale delete beside the saved version, and deletes the saved version when asked", async () => {
    vi.stubGlobal("confirm", () => true);
    render(<Workspace />);
    fetchMock.mockResolvedValueOnce(
      reply(409, { error: "Someone saved this statement since you opened it.", current: saved({ version: 2 }) }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Delete statement" }));
    await screen.findByRole("heading", { name: "The statement was not deleted" });
    fetchMock.mockResolvedValueOnce(reply(200, { ok: true }));
    fireEvent.click(screen.getByRole("button", { name: "Delete the saved version" }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(sent(1)).toEqual({ version: 2 });
  });
});
