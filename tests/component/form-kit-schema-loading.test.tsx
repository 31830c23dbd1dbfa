import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { FormAlert, TextField, useSchemaForm } from "@/components/form";
import { NewScenarioSetForm } from "@/components/scenarios/new-scenario-set-form";
import { scenarioSetSchema } from "@/lib/scenarios/schemas";
import { jsonReply, stubFetchForEachTest } from "../support/stubbed-fetch";

// A page's form passes a loader of its route's schema, so zod stays out of the page's first load
// (docs/benchmarks.md, Lighthouse). These show the loader changes when the schema arrives, not what it checks.

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh, push: vi.fn() }) }));

const fetchMock = stubFetchForEachTest(refresh);
const reply = jsonReply;

describe("a form's schema loaded when first needed", () => {
  const schema = z.object({ title: z.string().trim().min(1, "must not be empty").max(10, "must be at most 10 characters") });
  let resolveLoad: (loaded: z.ZodType) => void = () => undefined;
  let rejectLoad: (error: Error) => void = () => undefined;
  const loader = vi.fn(
    () =>
      new Promise<z.ZodType>((resolve, reject) => {
        resolveLoad = resolve;
        rejectLoad = reject;
      }),
  );
  beforeEach(() => {
    loader.mockClear();
  });

  function LoadingForm() {
    const form = useSchemaForm<{ title: string }>({
      schema: loader,
      idPrefix: "loading",
      initialValues: { title: "" },
      labels: { title: "Title" },
      request: { method: "POST", url: "/api/things" },
      onSuccess: (): void => form.setNotice("Saved."),
    });
    return (
      <form onSubmit={form.handleSubmit} noValidate aria-label="Loading">
        <FormAlert message={form.alert} />
        <TextField {...form.field("title")} />
        {form.notice && <p role="status">{form.notice}</p>}
        <button type="submit">Save</button>
      </form>
    );
  }

  it("is not loaded to draw the form, is fetched once when a field first changes, and then checks at once", async () => {
    render(<LoadingForm />);
    expect(loader).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "far too long a title" } });
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "far too long a title, still" } });
    expect(loader).toHaveBeenCalledTimes(1);
    resolveLoad(schema);
    await loader.mock.results[0]!.value;
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    // Loaded: the check runs in the click, as with a schema passed itself.
    expect(screen.getByText("Title: must be at most 10 characters")).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("makes a submit before any change wait for the schema, and sends nothing it refuses", async () => {
    render(<LoadingForm />);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    // A second click while the schema is on its way does not start a second check or send.
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(loader).toHaveBeenCalledTimes(1);
    expect(screen.queryByText("Title: must not be empty")).toBeNull();
    resolveLoad(schema);
    expect(await screen.findByText("Title: must not be empty")).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("leaves the check to the server when the schema cannot be loaded, and tries again on the next submit", async () => {
    fetchMock.mockResolvedValue(reply(422, { error: "Invalid request.", fieldErrors: { title: "must be at most 10 characters" } }));
    render(<LoadingForm />);
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "far too long a title" } });
    rejectLoad(new Error("Failed to fetch dynamically imported module"));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    // The server's answer lands where the schema's would have.
    expect(await screen.findByText("Title: must be at most 10 characters")).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(loader).toHaveBeenCalledTimes(2);
  });
});

describe("the new scenario set form (its schema loaded from lib/scenarios/schemas)", () => {
  const type = (label: RegExp | string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
  const add = () => fireEvent.click(screen.getByRole("button", { name: "Add scenario set" }));

  it("shows the schema's message for invalid input before any request", async () => {
    render(<NewScenarioSetForm />);
    type("Title", "Gulf escalation");
    type(/^Slug/, "Gulf Escalation!");
    add();
    const error = await screen.findByText(/^Slug: /);
    // The route's own message, read from the schema rather than copied here.
    const slugIssue = scenarioSetSchema.safeParse({
      title: "Gulf escalation",
      slug: "Gulf Escalation!",
      description: "",
      mutuallyExclusive: false,
    });
    expect(slugIssue.success).toBe(false);
    expect(error.textContent).toBe(`Slug: ${slugIssue.error!.issues.find((issue) => issue.path[0] === "slug")!.message}`);
    expect(screen.getByLabelText(/^Slug/).getAttribute("aria-invalid")).toBe("true");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("sends a valid set to the route and says it was added", async () => {
    fetchMock.mockResolvedValue(reply(201, { id: "set-1", slug: "gulf-escalation" }));
    render(<NewScenarioSetForm />);
    type("Title", "  Gulf escalation ");
    type("Description", "How far the exchange goes.");
    add();
    expect(await screen.findByText(/“Gulf escalation” was added/)).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]! as [string, RequestInit];
    expect(url).toBe("/api/scenario-sets");
    expect(init.method).toBe("POST");
    expect(JSON.parse(init.body as string)).toEqual({
      title: "Gulf escalation",
      slug: "gulf-escalation",
      description: "How far the exchange goes.",
      mutuallyExclusive: false,
    });
    expect(refresh).toHaveBeenCalled();
    // Reset for the next set.
    expect((screen.getByLabelText("Title") as HTMLInputElement).value).toBe("");
  });
});
