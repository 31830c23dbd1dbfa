import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { SourceCoverage } from "@/components/source-coverage";
import { jsonReply, stubFetchForEachTest } from "../support/stubbed-fetch";

const refresh = vi.fn();
const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh, push }) }));

const fetchMock = stubFetchForEachTest(refresh, push);

function renderCoverage() {
  render(
    <SourceCoverage
      sourceId="source-1"
      title="An article"
      statementCount={2}
      version={4}
      nothingToCode={null}
      blindCoding
      canEdit
      canAdminister
    />,
  );
  return {
    markReviewed: screen.getByRole("button", { name: "Mark reviewed — nothing to code" }) as HTMLButtonElement,
    blindCoding: screen.getByRole("button", { name: "Turn blind coding off" }) as HTMLButtonElement,
    deleteSource: screen.getByRole("button", { name: "Delete source" }) as HTMLButtonElement,
  };
}

/** A reply the test sends when it chooses. */
function heldReply() {
  let answer: (response: Response) => void = () => {};
  fetchMock.mockReturnValueOnce(new Promise<Response>((resolve) => (answer = resolve)));
  return (response: Response) => answer(response);
}

// Every change to the source carries the version the page was drawn with: a second one sent before the first is
// answered and the page redrawn would be refused as stale (409), so each holds the others off while it is out.
describe("SourceCoverage", () => {
  it("holds the deletion off while a change of review or blind coding is out", async () => {
    const answer = heldReply();
    const buttons = renderCoverage();
    fireEvent.click(buttons.markReviewed);
    await waitFor(() => expect(buttons.markReviewed.textContent).toBe("Saving…"));
    expect(buttons.deleteSource.disabled).toBe(true);
    expect(buttons.blindCoding.disabled).toBe(true);
    answer(jsonReply(200, { version: 5 }));
    await waitFor(() => expect(refresh).toHaveBeenCalled());
  });

  it("holds the other changes off while the deletion is out, and gives them back when it is refused", async () => {
    vi.stubGlobal("confirm", () => true);
    const answer = heldReply();
    const buttons = renderCoverage();
    fireEvent.click(buttons.deleteSource);
    await waitFor(() => expect(buttons.deleteSource.textContent).toBe("Deleting…"));
    expect(buttons.markReviewed.disabled).toBe(true);
    expect(buttons.blindCoding.disabled).toBe(true);
    expect(fetchMock).toHaveBeenCalledWith("/api/sources/source-1", expect.objectContaining({ method: "DELETE", body: '{"version":4}' }));

    answer(jsonReply(403, { error: "This source holds other people’s work; only an administrator can delete it." }));
    expect((await screen.findByRole("alert")).textContent).toContain("only an administrator can delete it");
    expect(buttons.markReviewed.disabled).toBe(false);
    expect(buttons.blindCoding.disabled).toBe(false);
    expect(buttons.deleteSource.disabled).toBe(false);
    expect(push).not.toHaveBeenCalled();
  });
});
