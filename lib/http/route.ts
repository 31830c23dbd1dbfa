import "server-only";
import type { z } from "zod";
import { PermissionDeniedError, requireAnyPermission, writePermissions, type Permission } from "../auth/permissions";
import { getActingUser, type SignedInUser } from "../auth/session";
import { BadRequestError, DomainError, NotFoundError, ValidationError } from "../errors";
import { describeUniqueViolation } from "../database/constraint-errors";
import { findTextWithNul, nulCharacterProblem } from "../validation";

const passwordChangePath = "/api/account/password";

/** Request body limits, enforced while reading, before anything is parsed (README, "Limits"). */
export const bodyLimits = {
  /** Every JSON body unless the route says otherwise. */
  json: 1024 * 1024,
  /** A pasted source: up to 500,000 characters of text, JSON-escaped. */
  source: 4 * 1024 * 1024,
  /** An exchange import: the whole CSV or JSON Lines file inside one JSON body. */
  import: 64 * 1024 * 1024,
} as const;

/** Longest path parameter (a record id) worth looking up; anything longer names no record. */
const maximumPathParameterLength = 100;

type Handler<Context> = (request: Request, context: Context, user: SignedInUser) => Promise<unknown>;

type RouteOptions = {
  /**
   * The permission a change through this route needs, checked before the body
   * is read. Without it a change needs any permission beyond reading. The data
   * layer checks again, in full (e.g. that a coding is one's own).
   */
  permission?: Permission;
};

/**
 * Every route handler goes through here: it resolves the acting user, refuses
 * cross-site writes and roles that may not change anything, checks path
 * parameters, and turns errors into statuses with messages a person can act
 * on. Nothing else (no stack, SQL or Prisma text) ever reaches the client.
 */
export function route<Context>(handler: Handler<Context>, options: RouteOptions = {}) {
  return async (request: Request, context: Context): Promise<Response> => {
    const changes = request.method !== "GET" && request.method !== "HEAD";
    try {
      if (changes) refuseCrossSite(request);
      const user = await getActingUser();
      // The API is for signed-in users only; what each may do is the data layer's to decide.
      if (!user) throw new PermissionDeniedError("read", false);
      const pathname = new URL(request.url).pathname;
      if (user.mustChangePassword && pathname !== passwordChangePath) {
        throw new DomainError(403, "Change your one-time password first (Account → Password).");
      }
      // Permission before validation: a role that may not make the change is refused before its
      // body is read, so an invalid body from a viewer gets the same 403 as a valid one.
      // Everyone signed in may change their own password.
      if (changes && pathname !== passwordChangePath)
        requireAnyPermission(user, options.permission ? [options.permission] : writePermissions);
      const result = await handler(request, await withCheckedPathParameters(context), user);
      return result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (error) {
      // Refused before its body was read (not signed in, a role that may not write, a bad address): the client is
      // likely still sending, and closing under it loses the answer (EPIPE). Read on and throw the body away, as a
      // body over its limit is.
      if (changes && request.body && !request.body.locked) await discardRest(request.body.getReader());
      return errorResponse(error);
    }
  };
}

/**
 * Path parameters as the handler will read them, refused first when they cannot name a record:
 * a NUL character (PostgreSQL cannot compare it) or an absurd length is 404. (A malformed
 * %-escape never gets here: Next.js's router refuses it first.)
 */
async function withCheckedPathParameters<Context>(context: Context): Promise<Context> {
  const params = (context as { params?: Promise<Record<string, string | string[]>> } | undefined)?.params;
  if (!params) return context;
  const values = await params;
  for (const value of Object.values(values).flat()) {
    if (value.includes("\u0000") || value.length > maximumPathParameterLength) throw new NotFoundError("The record in this address");
  }
  return { ...context, params: Promise.resolve(values) };
}

function refuseCrossSite(request: Request) {
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new BadRequestError("The request's Origin header is not a URL.");
  }
  if (originHost !== host) throw new DomainError(403, "Requests from other sites may not change data.");
}

export function errorResponse(error: unknown): Response {
  const unique = describeUniqueViolation(error);
  if (unique) return Response.json({ error: unique }, { status: 409 });
  if (error instanceof DomainError) {
    const details = typeof error.details === "object" && error.details !== null ? error.details : {};
    return Response.json({ error: error.message, ...details }, { status: error.status });
  }
  console.error(error);
  return Response.json({ error: "Something went wrong on our side, and nothing was changed. Please try again." }, { status: 500 });
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "body";
    fieldErrors[field] ??= issue.message;
  }
  return fieldErrors;
}

/** The request's query string, checked against a zod schema: 422 naming each bad parameter. */
export function readQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.infer<Schema> {
  const parameters = Object.fromEntries(new URL(request.url).searchParams);
  const withNul = findTextWithNul(parameters);
  if (withNul !== null) throw new ValidationError({ [withNul]: nulCharacterProblem });
  const result = schema.safeParse(parameters);
  if (!result.success) throw new ValidationError(fieldErrorsOf(result.error));
  return result.data;
}

/**
 * The request's JSON body, checked against a zod schema: 413 when it is larger than `maximumBytes`
 * (counted while reading, before parsing), 400 when it is not JSON, 422 naming each bad field,
 * including any text holding a NUL character, which PostgreSQL cannot store.
 */
export async function readJson<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  maximumBytes: number = bodyLimits.json,
): Promise<z.infer<Schema>> {
  const text = await readBodyText(request, maximumBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequestError("The request body must be JSON.");
  }
  const withNul = findTextWithNul(body);
  if (withNul !== null) throw new ValidationError({ [withNul]: nulCharacterProblem });
  const result = schema.safeParse(body);
  if (!result.success) throw new ValidationError(fieldErrorsOf(result.error));
  return result.data;
}

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} kB`;
}

/** The body as UTF-8 text, refused with 413 as soon as it passes `maximumBytes`, whatever Content-Length claims. */
export async function readBodyText(request: Request, maximumBytes: number): Promise<string> {
  const tooLarge = () =>
    new DomainError(
      413,
      `The request body is larger than ${describeBytes(maximumBytes)}, the most this request accepts. Nothing was changed.`,
    );
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maximumBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maximumBytes) {
      await discardRest(reader);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * How much of a refused body is read on and thrown away before the connection is cut. A client is usually still
 * sending when the body passes its limit; cancelling the body then closes a socket with unread bytes, which resets
 * the connection, and the client sees a broken connection instead of the 413 and its message (a loaded test run
 * caught it: one upload in four). Reading on, keeping nothing, lets an ordinary oversized upload finish and read the
 * answer, as Node does for a body no handler read and nginx's lingering close does; a body larger still, most likely
 * hostile, has its connection cut.
 */
export const refusedBodyDiscardBytes = 16 * 1024 * 1024;

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let discarded = 0;
  try {
    while (discarded <= refusedBodyDiscardBytes) {
      const { done, value } = await reader.read();
      if (done) return;
      discarded += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: there is no one left to answer.
  }
}
