import { useState } from "react";
import { postWithUploadProgress, type JsonResponse } from "./json-request";

/** Where an upload is: not started or done, sending (how much), or sent and being worked through by the server. */
export type UploadPhase = { phase: "idle" } | { phase: "uploading"; percent: number } | { phase: "importing" };

/** The reply to an upload, with what the import forms read of it besides the kit's answer. */
type UploadReply<Body> = JsonResponse<Body> & { json: Record<string, unknown> };

/**
 * Sends an upload with its progress, for the import forms (codings, sources, bundles): `progress` for
 * UploadProgress, and the reply as the kit's JsonResponse (`fallback` when the server gives no sentence),
 * with the reply's JSON beside it for what a form lists (per-line problems, near duplicates).
 */
export function useUpload<Body>(fallback: (status: number) => string) {
  const [progress, setProgress] = useState<UploadPhase>({ phase: "idle" });
  async function upload(url: string, body: FormData | string | Blob): Promise<UploadReply<Body>> {
    setProgress({ phase: "uploading", percent: 0 });
    const { status, json: reply } = await postWithUploadProgress(
      url,
      body,
      (percent) => setProgress({ phase: "uploading", percent }),
      () => setProgress({ phase: "importing" }),
    );
    setProgress({ phase: "idle" });
    const json = (reply ?? {}) as Record<string, unknown>;
    if (status === 200) return { ok: true, status, body: json as Body, json };
    const fieldErrors = (json.fieldErrors ?? {}) as Record<string, string>;
    return { ok: false, status, error: typeof json.error === "string" ? json.error : fallback(status), fieldErrors, json };
  }
  return { progress, upload };
}

/**
 * How far an upload has gone: the percentage sent, then, while the server
 * works through the file, a bar without an end. Shared by the import forms
 * (codings, sources, bundles); nothing is shown in any other phase.
 */
export function UploadProgress({ state, importing }: { state: { phase: string; percent?: number }; importing: string }) {
  if (state.phase === "uploading")
    return (
      <p>
        Uploading… {state.percent ?? 0}% <progress max={100} value={state.percent ?? 0} aria-label="Upload" />
      </p>
    );
  if (state.phase === "importing")
    return (
      <p>
        {importing} <progress aria-label="Import" />
      </p>
    );
  return null;
}
