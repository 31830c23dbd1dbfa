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
