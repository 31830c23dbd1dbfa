import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ExchangeImportForm } from "@/components/exchange-import-form";
import { SourceImportForm } from "@/components/source-import-form";

// The two upload forms on the kit: labels and ARIA, the route's own schema
// refusing before anything is sent, the server's per-line problems, and the
// sources import's 409 (near duplicates to keep or skip). Uploads go through
// XMLHttpRequest (for their progress), which is replaced here by one that
// answers what each test says.

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh, push: vi.fn() }) }));

type Sent = { url: string; body: unknown };
let sent: Sent[] = [];
let replies: { status: number; body: unknown }[] = [];

class FakeUpload {
  upload: { onprogress: ((event: ProgressEvent) => void) | null; onload: (() => void) | null } = { onprogress: null, onload: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  status = 0;
  responseText = "";
  private url = "";
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  send(body: unknown) {
    sent.push({ url: this.url, body });
    const reply = replies.shift() ?? { status: 500, body: { error: "no reply set" } };
    queueMicrotask(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 1 } as ProgressEvent);
      this.upload.onload?.();
      this.status = reply.status;
      this.responseText = JSON.stringify(reply.body);
      this.onload?.();
    });
  }
}

beforeEach(() => {
  sent = [];
  replies = [];
  refresh.mockReset();
  vi.stubGlobal("XMLHttpRequest", FakeUpload);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const choose = (label: string, ...files: File[]) => fireEvent.change(screen.getByLabelText(label), { target: { files } });
const csv = (name = "codings.csv") => new File(["statement_id,score\ns1,2\n"], name, { type: "text/csv" });
const options = (index: number) => JSON.parse(String((sent[index]!.body as FormData).get("options"))) as Record<string, unknown>;

describe("ExchangeImportForm (codings from CSV or JSON Lines)", () => {
  it("labels its file box and checkbox, and wires the error to the box", async () => {
    render(<ExchangeImportForm />);
    const file = screen.getByLabelText("File (.csv or .jsonl)");
    expect(file.getAttribute("type")).toBe("file");
    expect(file.getAttribute("accept")).toContain(".csv");
    expect(screen.getByLabelText("Skip invalid rows and import the rest").getAttribute("type")).toBe("checkbox");
    expect(file.getAttribute("aria-invalid")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    const error = await screen.findByText("File (.csv or .jsonl): choose a .csv or .jsonl file to import");
    expect(error.id).toBe("import-file-error");
    expect(file.getAttribute("aria-invalid")).toBe("true");
    expect(file.getAttribute("aria-describedby")).toBe("import-file-error");
    expect(sent).toHaveLength(0);
  });

  it("refuses a file the export would not have named, before reading it", async () => {
    render(<ExchangeImportForm />);
    choose("File (.csv or .jsonl)", new File(["x"], "codings.xlsx"));
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    await screen.findByText(/must end in \.csv or \.jsonl/);
    expect(sent).toHaveLength(0);
  });

  it("shows the rows a 422 lists, nothing imported, then imports with invalid rows skipped", async () => {
    render(<ExchangeImportForm />);
    choose("File (.csv or .jsonl)", csv());
    replies.push({
      status: 422,
      body: {
        error: "1 row(s) cannot be imported, so nothing was imported. Correct them, or choose to skip invalid rows.",
        errors: [{ line: 2, message: "score: must be between -3 and 3" }],
      },
    });
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/1 row\(s\) cannot be imported, so nothing was imported/);
    const problems = screen.getByRole("region", { name: "Rows that cannot be imported" });
    expect(within(problems).getByRole("row", { name: /2 score: must be between -3 and 3/ })).toBeTruthy();
    expect(sent[0]!.url).toBe("/api/exchange");
    expect(JSON.parse(String(sent[0]!.body))).toEqual({ format: "csv", content: "statement_id,score\ns1,2\n", skipInvalid: false });
    expect(refresh).not.toHaveBeenCalled();

    fireEvent.click(screen.getByLabelText("Skip invalid rows and import the rest"));
    replies.push({ status: 200, body: { imported: 4, unchanged: 1, skipped: [{ line: 2, message: "score: must be between -3 and 3" }] } });
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    await screen.findByText("Imported 4 coding(s); 1 were already present. 1 invalid row(s) were skipped (listed below).");
    expect(JSON.parse(String(sent[1]!.body))).toMatchObject({ skipInvalid: true });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("region", { name: "Rows that cannot be imported" })).toBeNull();
    expect(screen.getByRole("region", { name: "Invalid rows skipped" })).toBeTruthy();
    expect(refresh).toHaveBeenCalledOnce();
  });

  it("puts the server's error about the content on the file box", async () => {
    render(<ExchangeImportForm />);
    choose("File (.csv or .jsonl)", csv("codings.jsonl"));
    replies.push({ status: 422, body: { error: "Please correct the request.", fieldErrors: { content: "is too large for one import" } } });
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    expect((await screen.findByText("File (.csv or .jsonl): is too large for one import")).id).toBe("import-file-error");
  });
});

const sourceForm = () => render(<SourceImportForm accept=".jsonl,.html,.xml" limits="Up to 100 MB an upload." />);
const article = () => new File(["<html><article><p>Talks resumed.</p></article></html>"], "article.html", { type: "text/html" });
const nearDuplicate = {
  where: "republished.html",
  title: "Talks resume in Muscat",
  choice: null,
  matches: [{ id: "src-1", title: "Talks resume in Muscat", publisher: "Wire", publishedOn: "2024-10-01", overlap: 0.93 }],
};

describe("SourceImportForm (many sources from files and addresses)", () => {
  it("labels every field, hints the files box, and keeps the defaults in their own group", () => {
    sourceForm();
    const files = screen.getByLabelText("Files");
    expect(files.hasAttribute("multiple")).toBe(true);
    expect(files.getAttribute("aria-describedby")).toBe("intake-files-hint");
    expect(document.getElementById("intake-files-hint")?.textContent).toMatch(/RSS or Atom feeds.*Up to 100 MB an upload\./);
    expect(screen.getByLabelText("Addresses to fetch (optional)").tagName).toBe("TEXTAREA");
    const defaults = screen.getByRole("group", { name: /For items that do not say/ });
    for (const label of ["Publisher", "Published on", "Language code"]) expect(within(defaults).getByLabelText(label)).toBeTruthy();
    expect(screen.getByLabelText("Skip invalid items and import the rest").getAttribute("type")).toBe("checkbox");
  });

  it("refuses with the route's own schema before sending: nothing to import, an address that is not one", async () => {
    sourceForm();
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    const error = await screen.findByText("Files: choose at least one file, or give at least one address to fetch");
    expect(error.id).toBe("intake-files-error");
    expect(screen.getByLabelText("Files").getAttribute("aria-describedby")).toBe("intake-files-hint intake-files-error");

    fireEvent.change(screen.getByLabelText("Addresses to fetch (optional)"), {
      target: { value: "https://example.org/a\nnot an address" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    await screen.findByText("Addresses to fetch (optional): use full http(s) addresses, one a line");
    expect(screen.getByLabelText("Addresses to fetch (optional)").getAttribute("aria-invalid")).toBe("true");
    expect(sent).toHaveLength(0);
  });

  it("lists a 422's problems by file and line, and puts an option's error on its field", async () => {
    sourceForm();
    choose("Files", article(), new File(["<rss"], "feed.xml"));
    fireEvent.change(screen.getByLabelText("Language code"), { target: { value: "english" } });
    replies.push({
      status: 422,
      body: {
        error: "1 item(s) cannot be imported, so nothing was imported.",
        errors: [{ where: "feed.xml, line 1", message: "not a well-formed XML feed" }],
      },
    });
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/1 item\(s\) cannot be imported/);
    expect(screen.getByRole("table", { name: "Problems" }).textContent).toMatch(/feed\.xml, line 1\s*not a well-formed XML feed/);
    const body = sent[0]!.body as FormData;
    expect(body.getAll("files").map((file) => (file as File).name)).toEqual(["article.html", "feed.xml"]);
    expect(options(0)).toMatchObject({ skipInvalid: false, nearDuplicates: "ask", defaults: { language: "english" }, urls: [] });

    replies.push({
      status: 422,
      body: { error: "Please correct the options.", fieldErrors: { "defaults.language": "is not a language code" } },
    });
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    expect((await screen.findByText("Language code: is not a language code")).id).toBe("intake-language-error");
    expect(screen.getByLabelText("Language code").getAttribute("aria-invalid")).toBe("true");
  });

  it("shows a 409's near duplicates, waits for each to be kept or skipped, and sends the choices", async () => {
    sourceForm();
    choose("Files", article());
    replies.push({
      status: 409,
      body: { error: "1 item(s) nearly repeat a stored source. Nothing was imported yet.", nearDuplicates: [nearDuplicate], errors: [] },
    });
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    const conflict = await screen.findByRole("alert");
    expect(conflict.textContent).toMatch(/1 item\(s\) nearly repeat a stored source/);
    expect(within(conflict).getByRole("link", { name: "Talks resume in Muscat" }).getAttribute("href")).toBe("/sources/src-1");
    expect(conflict.textContent).toMatch(/93 % of the text/);
    const withChoices = screen.getByRole("button", { name: "Import with these choices" });
    expect((withChoices as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText("1 still to choose before importing with your choices.")).toBeTruthy();

    fireEvent.click(screen.getByRole("radio", { name: "Keep" }));
    expect((withChoices as HTMLButtonElement).disabled).toBe(false);
    replies.push({
      status: 200,
      body: {
        imported: [{ id: "src-2", title: "Talks resume in Muscat", where: "republished.html" }],
        skipped: [],
        nearDuplicates: [{ ...nearDuplicate, choice: "keep" }],
        nearDuplicatesKept: true,
      },
    });
    fireEvent.click(withChoices);
    await screen.findByText("Imported 1 source. Near duplicates: 1 kept, 0 skipped.");
    expect(options(1)).toMatchObject({ nearDuplicates: "ask", nearDuplicateChoices: { "republished.html": "keep" } });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("link", { name: "Talks resume in Muscat" }).getAttribute("href")).toBe("/sources/src-2");
  });

  it("keeps or skips every near duplicate at once", async () => {
    sourceForm();
    choose("Files", article());
    replies.push({ status: 409, body: { error: "1 item(s) nearly repeat a stored source.", nearDuplicates: [nearDuplicate], errors: [] } });
    fireEvent.click(screen.getByRole("button", { name: "Import" }));
    await screen.findByRole("alert");
    replies.push({
      status: 200,
      body: { imported: [], skipped: [], nearDuplicates: [{ ...nearDuplicate, choice: "skip" }], nearDuplicatesKept: false },
    });
    fireEvent.click(screen.getByRole("button", { name: "Skip them all, import the rest" }));
    await screen.findByText("Imported 0 sources. Near duplicates: 0 kept, 1 skipped.");
    expect(options(1)).toMatchObject({ nearDuplicates: "skip", nearDuplicateChoices: {} });
    await waitFor(() => expect((screen.getByRole("button", { name: "Import" }) as HTMLButtonElement).disabled).toBe(false));
  });
});
