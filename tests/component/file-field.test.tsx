import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { FileField } from "@/components/form";

afterEach(cleanup);

function Harness({ error }: { error?: string }) {
  const [file, setFile] = useState<File | null>(null);
  return (
    <>
      <FileField id="upload-file" label="Bundle file" value={file} onChange={setFile} error={error} hint="A .jsonl file." accept=".jsonl" />
      <output>{file ? file.name : "none"}</output>
    </>
  );
}

describe("FileField", () => {
  it("labels the control, describes it by its hint and error, and gives the chosen file", () => {
    render(<Harness error="choose the bundle file (.jsonl) to import" />);
    const input = screen.getByLabelText("Bundle file");
    expect(input.getAttribute("type")).toBe("file");
    expect(input.getAttribute("accept")).toBe(".jsonl");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe("upload-file-hint upload-file-error");
    expect(screen.getByText(/choose the bundle file/).id).toBe("upload-file-error");
    const file = new File(['{"format":"stancewatch-bundle"}\n'], "bundle.jsonl", { type: "application/x-ndjson" });
    fireEvent.change(input, { target: { files: [file] } });
    expect(screen.getByRole("status").textContent).toBe("bundle.jsonl");
  });
});
