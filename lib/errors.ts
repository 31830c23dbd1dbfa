// Errors a person can act on. Route handlers turn them into HTTP statuses
// (lib/http/route.ts); anything else becomes a plain 500 with no details.

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends DomainError {
  constructor(message: string) {
    super(400, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(404, `${what} was not found. It may have been deleted.`);
  }
}

/** A stale edit: someone saved a newer version first. Carries the current values. */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly current: unknown,
  ) {
    super(409, message, { current });
  }
}

export class ValidationError extends DomainError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(
      422,
      `Please correct: ${Object.entries(fieldErrors)
        .map(([field, message]) => `${field} ${message}`)
        .join("; ")}`,
      { fieldErrors },
    );
  }
}
