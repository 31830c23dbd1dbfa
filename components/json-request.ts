// The one way client forms call the JSON API. Every error response is
// {error, ...}; a network failure or a non-JSON reply becomes an error with a
// sentence a person can act on, so forms never show a raw exception.

export type JsonResponse<Body> =
  | { ok: true; status: number; body: Body }
  | { ok: false; status: number; error: string; fieldErrors: Record<string, string>; current?: unknown };

const unreachable = "Stancewatch could not be reached, so nothing was saved. Check your connection and try again.";
const unexpected = "Something went wrong on our side, and nothing was changed. Please try again.";

export async function sendJson<Body>(method: "POST" | "PATCH" | "DELETE", url: string, payload: unknown): Promise<JsonResponse<Body>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, error: unreachable, fieldErrors: {} };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page, say): only the status is usable.
  }
  if (response.ok) return { ok: true, status: response.status, body: body as Body };
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  return {
    ok: false,
    status: response.status,
    error: typeof record.error === "string" && record.error ? record.error : unexpected,
    fieldErrors: isMessageRecord(record.fieldErrors) ? record.fieldErrors : {},
    current: record.current,
  };
}

function isMessageRecord(value: unknown): value is Record<string, string> {
  return value !== null && typeof value === "object" && Object.values(value).every((message) => typeof message === "string");
}

/**
 * Splits a refused request's field errors into those a form shows beside its
 * own fields and the rest (fields it has no control for), which go in its alert.
 */
export function splitFieldErrors<Field extends string>(
  fieldErrors: Record<string, string>,
  isField: (name: string) => name is Field,
): { known: Partial<Record<Field, string>>; other: string[] } {
  const known: Partial<Record<Field, string>> = {};
  const other: string[] = [];
  for (const [field, message] of Object.entries(fieldErrors)) {
    if (isField(field)) known[field] = message;
    else other.push(`${field}: ${message}`);
  }
  return { known, other };
}

/**
 * POSTs a large body and reports upload progress, which fetch cannot: XMLHttpRequest's upload events.
 * `onUploaded` fires when the last byte is sent and the server starts checking and writing.
 */
export function postWithUploadProgress(
  url: string,
  /** A string is sent as JSON; a file goes as it is, with its own type. */
  body: FormData | string | Blob,
  onProgress: (percent: number) => void,
  onUploaded: () => void,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    if (typeof body === "string") request.setRequestHeader("content-type", "application/json");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.upload.onload = onUploaded;
    request.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(request.responseText);
      } catch {
        json = { error: "The server's answer could not be read. Nothing may have been imported; check before retrying." };
      }
      resolve({ status: request.status, json });
    };
    request.onerror = () =>
      resolve({ status: 0, json: { error: "The connection failed before the server answered. Check your network and try again." } });
    request.send(body);
  });
}
