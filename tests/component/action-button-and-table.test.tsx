import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ActionButton } from "@/components/action-button";
import { actionsColumn, numberColumn, ScrollingTable } from "@/components/scrolling-table";
import { jsonReply, stubFetchForEachTest } from "../support/stubbed-fetch";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh, push: vi.fn() }) }));

const fetchMock = stubFetchForEachTest(refresh);

const reply = jsonReply;

function Withdraw() {
  return (
    <ActionButton
      method="DELETE"
      url="/api/things/1"
      payload={{ version: 2 }}
      label="Withdraw"
      pendingLabel="Withdrawing…"
      confirmMessage="Withdraw it?"
      accessibleLabel="Withdraw the estimate of 3 May"
    />
  );
}

describe("ActionButton", () => {
  it("sends nothing when the confirmation is declined", () => {
    vi.stubGlobal("confirm", () => false);
    render(<Withdraw />);
    fireEvent.click(screen.getByRole("button", { name: "Withdraw the estimate of 3 May" }));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("is disabled and says what it does while the request is out, then refreshes the page", async () => {
    vi.stubGlobal("confirm", () => true);
    let answer: (response: Response) => void = () => {};
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (answer = resolve)));
    render(<Withdraw />);
    fireEvent.click(screen.getByRole("button"));
    const button = screen.getByRole("button");
    await waitFor(() => expect(button.textContent).toBe("Withdrawing…"));
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(fetchMock).toHaveBeenCalledWith("/api/things/1", expect.objectContaining({ method: "DELETE", body: '{"version":2}' }));
    answer(reply(200, { ok: true }));
    await waitFor(() => expect(refresh).toHaveBeenCalled());
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows a refusal beside itself as an alert, and refreshes nothing", async () => {
    vi.stubGlobal("confirm", () => true);
    fetchMock.mockResolvedValue(reply(409, { error: "Someone changed it first." }));
    render(<Withdraw />);
    fireEvent.click(screen.getByRole("button"));
    expect((await screen.findByRole("alert")).textContent).toBe("Someone changed it first.");
    expect(refresh).not.toHaveBeenCalled();
  });
});

describe("ScrollingTable", () => {
  it("draws a keyboard-reachable scrolling box, the column headings (leaving out false ones) and the rows", () => {
    render(
      <ScrollingTable columns={["Name", numberColumn("Count"), false, actionsColumn]} caption="Things" label={undefined}>
        <tr>
          <td>One</td>
          <td>1</td>
          <td>
            <button type="button">Edit</button>
          </td>
        </tr>
      </ScrollingTable>,
    );
    const table = screen.getByRole("table", { name: "Things" });
    expect(table.parentElement?.getAttribute("tabindex")).toBe("0");
    const headings = screen.getAllByRole("columnheader");
    expect(headings.map((heading) => heading.textContent)).toEqual(["Name", "Count", "Actions"]);
    expect(headings.every((heading) => heading.getAttribute("scope") === "col")).toBe(true);
    expect(headings[1]!.className).toBe("number");
    expect(headings[2]!.querySelector(".visually-hidden")).not.toBeNull();
    expect(screen.getAllByRole("row")).toHaveLength(2);
  });
});
