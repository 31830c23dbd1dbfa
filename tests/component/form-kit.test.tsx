import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import {
  CheckboxListField,
  DateField,
  FormAlert,
  SelectField,
  TextAreaField,
  TextField,
  TitleAndSlugFields,
  useSchemaForm,
} from "@/components/form";
import { jsonReply, stubFetchForEachTest } from "../support/stubbed-fetch";

// A schema like the routes' (lib/<domain>/schemas.ts): the form checks the body with it before sending.
const schema = z.object({
  title: z.string().trim().min(1, "must not be empty").max(10, "must be at most 10 characters"),
  kind: z.enum(["A", "B"]),
  ratio: z.number().min(0).max(1),
  on: z.iso.date("use a real date written YYYY-MM-DD"),
  note: z.string().max(20, "must be at most 20 characters"),
  tags: z.array(z.string()).max(1, "link at most 1 record"),
});

type Values = { title: string; kind: "A" | "B"; ratio: string; on: string; note: string; tags: string[] };
const onSuccess = vi.fn();

function TestForm() {
  const form = useSchemaForm<Values, { id: string }>({
    schema,
    idPrefix: "test",
    initialValues: { title: "", kind: "A", ratio: "50", on: "2030-01-02", note: "", tags: [] },
    labels: { title: "Title", kind: "Kind", ratio: "Share (%)", on: "Date", note: "Note", tags: "Tags" },
    toBody: (values) => ({ ...values, ratio: values.ratio === "" ? null : Number(values.ratio) / 100 }),
    messages: { ratio: "enter a percentage from 0 to 100" },
    request: { method: "POST", url: "/api/things" },
    onSuccess,
  });
  return (
    <form onSubmit={form.handleSubmit} noValidate aria-label="Test">
      <FormAlert message={form.alert} />
      {form.conflict && <p data-testid="conflict">{form.conflict.message}</p>}
      <TextField {...form.field("title")} hint="A short title." />
      <SelectField
        {...form.field("kind")}
        options={[
          { value: "A", label: "Kind A" },
          { value: "B", label: "Kind B" },
        ]}
      />
      <TextField {...form.field("ratio")} type="number" short />
      <DateField {...form.field("on")} />
      <TextAreaField {...form.field("note")} optional />
      <CheckboxListField
        {...form.field("tags")}
        options={[
          { value: "t1", label: "Tag one" },
          { value: "t2", label: "Tag two" },
        ]}
      />
      <button type="submit" disabled={form.pending}>
        {form.pending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}

const fetchMock = stubFetchForEachTest(onSuccess);

const reply = jsonReply;
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole("button", { name: "Save" }));

describe("the form kit", () => {
  it("renders each field with its label, hint and no error", () => {
    render(<TestForm />);
    const title = screen.getByLabelText("Title");
    expect(title.id).toBe("test-title");
    expect(title.getAttribute("aria-describedby")).toBe("test-title-hint");
    expect(title.getAttribute("aria-invalid")).toBeNull();
    expect(document.getElementById("test-title-hint")?.textContent).toBe("A short title.");
    expect((screen.getByLabelText("Kind") as HTMLSelectElement).value).toBe("A");
    expect((screen.getByLabelText("Date") as HTMLInputElement).type).toBe("date");
    expect(screen.getByLabelText("Note (optional)").tagName).toBe("TEXTAREA");
    expect(screen.getByRole("group", { name: "Tags" })).toBeTruthy();
  });

  it("checks with the schema before sending: errors beside their fields, wired to them, nothing sent", () => {
    render(<TestForm />);
    type("Title", "far too long a title");
    type("Share (%)", "");
    fireEvent.change(screen.getByLabelText(/^Note/), { target: { value: "x".repeat(21) } });
    save();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toBe("Please correct the fields marked below.");
    const title = screen.getByLabelText("Title");
    expect(title.getAttribute("aria-invalid")).toBe("true");
    expect(title.getAttribute("aria-describedby")).toBe("test-title-hint test-title-error");
    expect(document.getElementById("test-title-error")?.textContent).toBe("Title: must be at most 10 characters");
    // The form's own sentence for a box that is not the body's value.
    expect(screen.getByText("Share (%): enter a percentage from 0 to 100")).toBeTruthy();
    expect(screen.getByText("Note: must be at most 20 characters")).toBeTruthy();
    expect(screen.getByLabelText("Kind").getAttribute("aria-invalid")).toBeNull();
  });

  it("clears a field's error as soon as it is edited", () => {
    render(<TestForm />);
    save();
    expect(screen.getByText("Title: must not be empty")).toBeTruthy();
    type("Title", "Fine");
    expect(screen.queryByText("Title: must not be empty")).toBeNull();
    expect(screen.getByLabelText("Title").getAttribute("aria-invalid")).toBeNull();
  });

  it("sends the body as JSON, stays pending while it waits and hands the answer on", async () => {
    let answer: (response: Response) => void = () => undefined;
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (answer = resolve)));
    render(<TestForm />);
    type("Title", "  Fine  ");
    fireEvent.change(screen.getByLabelText("Kind"), { target: { value: "B" } });
    fireEvent.click(screen.getByLabelText("Tag two"));
    save();
    await screen.findByRole("button", { name: "Saving…" });
    expect(screen.getByRole("button", { name: "Saving…" }).hasAttribute("disabled")).toBe(true);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("/api/things");
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({ title: "  Fine  ", kind: "B", ratio: 0.5, on: "2030-01-02", note: "", tags: ["t2"] });
    answer(reply(201, { id: "new" }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith({ id: "new" }, expect.objectContaining({ kind: "B" })));
    expect(screen.getByRole("button", { name: "Save" })).toBeTruthy();
  });

  it("places the server's 422 field errors beside their fields, a list item's on its list, the rest in the alert", async () => {
    fetchMock.mockResolvedValue(
      reply(422, { error: "Please correct…", fieldErrors: { title: "is already taken", "tags.0": "no such tag", owner: "is required" } }),
    );
    render(<TestForm />);
    type("Title", "Taken");
    save();
    await screen.findByText("Title: is already taken");
    expect(screen.getByText("Tags: no such tag").id).toBe("test-tags-error");
    expect(screen.getByRole("group", { name: "Tags" }).getAttribute("aria-describedby")).toContain("test-tags-error");
    expect(screen.getByRole("alert").textContent).toBe("Please correct: owner: is required");
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it("shows a refusal without field errors (403, a network failure) as the server's sentence", async () => {
    fetchMock.mockResolvedValueOnce(reply(403, { error: "Only an administrator may do that." }));
    render(<TestForm />);
    type("Title", "Fine");
    save();
    expect((await screen.findByRole("alert")).textContent).toBe("Only an administrator may do that.");
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    save();
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/could not be reached, so nothing was saved/));
  });

  it("turns a 409 into a conflict carrying the current record, not an alert", async () => {
    fetchMock.mockResolvedValue(reply(409, { error: "Someone saved a newer version.", current: { id: "x", version: 3 } }));
    render(<TestForm />);
    type("Title", "Fine");
    save();
    expect((await screen.findByTestId("conflict")).textContent).toBe("Someone saved a newer version.");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("sends once however often the button is pressed while waiting", async () => {
    fetchMock.mockReturnValue(new Promise<Response>(() => undefined));
    render(<TestForm />);
    type("Title", "Fine");
    save();
    await screen.findByRole("button", { name: "Saving…" });
    fireEvent.submit(screen.getByRole("form", { name: "Test" }));
    fireEvent.submit(screen.getByRole("form", { name: "Test" }));
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

function ConfirmForm() {
  const form = useSchemaForm({
    schema: z.object({ secret: z.string().min(3, "use at least 3 characters") }),
    idPrefix: "",
    initialValues: { secret: "", again: "" },
    labels: { secret: "Secret", again: "Secret again" },
    toBody: ({ secret }) => ({ secret }),
    check: (values) => ({ again: values.again !== values.secret ? "does not match" : undefined }),
    request: { method: "POST", url: "/api/secret" },
    onSuccess,
  });
  return (
    <form onSubmit={form.handleSubmit} noValidate>
      <TextField {...form.field("secret")} type="password" />
      <TextField {...form.field("again")} type="password" />
      <button type="submit">Save</button>
    </form>
  );
}

describe("a form's own checks", () => {
  it("run beside the schema's, on fields the body does not have, and block the request", async () => {
    render(<ConfirmForm />);
    expect(screen.getByLabelText("Secret").id).toBe("secret");
    type("Secret", "ab");
    type("Secret again", "abc");
    save();
    expect(screen.getByText("Secret: use at least 3 characters")).toBeTruthy();
    expect(screen.getByText("Secret again: does not match").id).toBe("again-error");
    expect(fetchMock).not.toHaveBeenCalled();
    type("Secret", "abc");
    fetchMock.mockResolvedValue(reply(200, { ok: true }));
    save();
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(JSON.parse(String((fetchMock.mock.calls[0] as [string, RequestInit])[1].body))).toEqual({ secret: "abc" });
  });
});

function SlugForm() {
  const form = useSchemaForm({
    schema: z.object({ title: z.string(), slug: z.string() }),
    idPrefix: "slugged",
    initialValues: { title: "", slug: "" },
    labels: { title: "Title", slug: "Slug" },
    request: { method: "POST", url: "/api/slugged" },
    onSuccess,
  });
  return <TitleAndSlugFields title={form.field("title")} slug={form.field("slug")} address={(slug) => `/things/${slug}`} />;
}

describe("TitleAndSlugFields", () => {
  it("makes the slug from the title until the slug is edited, and says the address", () => {
    render(<SlugForm />);
    type("Title", "Iran Retaliates");
    expect((screen.getByLabelText("Slug") as HTMLInputElement).value).toBe("iran-retaliates");
    expect(screen.getByText("Its address: /things/iran-retaliates")).toBeTruthy();
    type("Slug", "iran-2024");
    type("Title", "Iran Retaliates Soon");
    expect((screen.getByLabelText("Slug") as HTMLInputElement).value).toBe("iran-2024");
  });
});
