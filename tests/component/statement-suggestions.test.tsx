import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { StatementSuggestions } from "@/components/statement-suggestions";
import type { StatementSuggestion } from "@/lib/suggestions/extract-statements";

afterEach(cleanup);

const base: StatementSuggestion = {
  quote: "We are ready to talk",
  startOffset: 1,
  endOffset: 21,
  form: "DIRECT_QUOTE",
  speakerText: "Hassan Karimi",
  speakerId: null,
  cue: "said",
};

function renderList(suggestions: StatementSuggestion[]) {
  const noop = () => undefined;
  render(
    <StatementSuggestions
      suggestions={suggestions}
      dismissedCount={0}
      actorNames={new Map([["araghchi", "Abbas Araghchi"]])}
      shownKey={null}
      onShow={noop}
      onAccept={noop}
      onDismiss={noop}
      onRestore={noop}
    />,
  );
}

describe("StatementSuggestions", () => {
  it("names the matched actor, offers to create a named but unknown speaker, and asks for the speaker of an unresolved pronoun", () => {
    renderList([
      { ...base, speakerText: "the minister", speakerId: "araghchi" },
      { ...base, startOffset: 30, endOffset: 40 },
      { ...base, startOffset: 50, endOffset: 60, speakerText: "she" },
    ]);
    const items = screen.getAllByRole("listitem");
    expect(items[0]!.textContent).toContain("Abbas Araghchi");
    expect(items[1]!.textContent).toContain("“Hassan Karimi” → unknown — create");
    expect(items[2]!.textContent).toContain("“she” → unclear who — pick the speaker");
    expect(items[2]!.textContent).not.toContain("create");
  });
});
