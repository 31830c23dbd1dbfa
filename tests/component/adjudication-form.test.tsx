import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { AdjudicationForm } from "@/components/adjudication-form";
import { jsonReply, sentBody, stubFetchForEachTest } from "../support/stubbed-fetch";

// The final value of a disagreement, revised: the form names the version it revises, and another adjudicator's
// value recorded meanwhile (the server's 409) is shown, the form kept as the adjudicator left it.
const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh, push: vi.fn() }) }));

const fetchMock = stubFetchForEachTest(refresh);
const reply = jsonReply;
const sent = (call: number) => sentBody(fetchMock, call);

describe("AdjudicationForm", () => {
  it("revises the version it was shown, and shows another adjudicator's value recorded meanwhile", async () => {
    render(
      <AdjudicationForm
        statementId="s1"
        targetId="t1"
        subject="Velayati toward the United States"
        adjudication={{ score: 1, rationale: "A condition, not a rejection.", adjudicatorName: "Morgan Reyes", version: 3 }}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: /Revise the final value/ }));
    fireEvent.click(await screen.findByRole("radio", { name: /^−2/ }));
    fireEvent.change(screen.getByRole("textbox", { name: /Reason/ }), { target: { value: "A demand first." } });
    fetchMock.mockResolvedValueOnce(
      reply(409, {
        error:
          "Priya Nair recorded a final value of +2 for this statement after you opened it (“Open to talks.”). Reload to see it before revising it.",
        current: { version: 4, score: 2, rationale: "Open to talks." },
      }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Record final value" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/Priya Nair recorded a final value of \+2/));
    expect(sent(0)).toEqual({ statementId: "s1", targetId: "t1", score: -2, rationale: "A demand first.", version: 3 });
    // Nothing was recorded: the form stays open with what the adjudicator chose, and the page is not refreshed.
    expect((screen.getByRole("textbox", { name: /Reason/ }) as HTMLTextAreaElement).value).toBe("A demand first.");
    expect(refresh).not.toHaveBeenCalled();
  });

  it("records a first final value as revising no version", async () => {
    render(<AdjudicationForm statementId="s1" targetId="t1" subject="Velayati toward the United States" adjudication={null} />);
    fireEvent.click(await screen.findByRole("radio", { name: /^\+1/ }));
    fireEvent.change(screen.getByRole("textbox", { name: /Reason/ }), { target: { value: "A condition." } });
    fetchMock.mockResolvedValueOnce(reply(200, { ok: true }));
    fireEvent.click(screen.getByRole("button", { name: "Record final value" }));
    await waitFor(() => expect(refresh).toHaveBeenCalled());
    expect(sent(0)).toMatchObject({ score: 1, version: null });
  });
});
