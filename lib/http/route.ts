import "server-only";
import type { z } from "zod";
import { PermissionDeniedError } from "../auth/permissions";
import { getActingUser, type SignedInUser } from "../auth/session";
import { BadRequestError, DomainError, ValidationError } from "../errors";
import { describeUniqueViolation } from "../database/constraint-errors";

const passwordChangePath = "/api/account/password";

type Handler<Context> = (request: Request, context: Context, user: SignedInUser) => Promise<unknown>;

/**
 * Every route handler goes through here: it resolves the acting user, refuses
 * cross-site writes, and turns errors into statuses with messages a person can
 * act on. Nothing else (no stack, SQL or Prisma text) ever reaches the client.
 */
export function route<Context>(handler: Handler<Context>) {
  return async (request: Request, context: Context): Promise<Response> => {
    try {
      if (request.method !== "GET" && request.method !== "HEAD") refuseCrossSite(request);
      const user = await getActingUser();
      // The API is for signed-in users only; what each may do is the data layer's to decide.
      if (!user) throw new PermissionDeniedError("read", false);
      if (user.mustChangePassword && new URL(request.url).pathname !== passwordChangePath) {
        throw new DomainError(403, "Change your one-time password first (Account → Password).");
      }
      const result = await handler(request, context, user);
      return result instanceof Response ? result : Response.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error);
    }
  };
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
  const result = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!result.success) throw new ValidationError(fieldErrorsOf(result.error));
  return result.data;
}

/** The request's JSON body, checked against a zod schema: 400 when it is not JSON, 422 naming each bad field. */
export async function readJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new BadRequestError("The request body must be JSON.");
  }
  const result = schema.safeParse(body);
  if (!result.success) throw new ValidationError(fieldErrorsOf(result.error));
  return result.data;
}
