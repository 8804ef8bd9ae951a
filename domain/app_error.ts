/** Problem details (RFC 9457) as rendered on the wire. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

/** One invalid input field inside a validation problem. */
export interface FieldProblem {
  path: string;
  message: string;
  /** A stable code for problems a client acts on, e.g. `nonexistent_local_time`. */
  code?: string;
}

/** Options for an AppError besides its code and status. */
export interface AppErrorOptions {
  title?: string;
  detail?: string;
  errors?: FieldProblem[];
  headers?: Record<string, string>;
  cause?: unknown;
  /** Extra members of the problem body (RFC 9457 extensions), e.g. `conflicts`. */
  extensions?: Record<string, unknown>;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** The one error type the application throws on purpose; its `code` is stable for clients. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: FieldProblem[];
  readonly headers?: Record<string, string>;
  readonly extensions?: Record<string, unknown>;

  constructor(status: number, code: string, options: AppErrorOptions = {}) {
    super(options.detail ?? options.title ?? code, { cause: options.cause });
    this.name = "AppError";
    this.status = status;
    this.code = code;
    this.title = options.title ?? TITLES[status] ?? "Error";
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers;
    this.extensions = options.extensions;
  }

  /** The problem+json body for this error. */
  toProblem(instance?: string, requestId?: string): ProblemDetails {
    return {
      ...this.extensions,
      type: `https://contrail.dev/problems/${this.code}`,
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(requestId ? { requestId } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
    };
  }
}

/** 404 for a named thing that does not exist. */
export function notFound(what: string, detail?: string): AppError {
  return new AppError(404, "not_found", { detail: detail ?? `${what} not found` });
}

/** 400 for input that failed validation, listing each bad field. */
export function invalidInput(errors: FieldProblem[], detail?: string): AppError {
  return new AppError(400, "invalid_input", {
    title: "Invalid input",
    detail: detail ?? "The request contains invalid fields.",
    errors,
  });
}

/** A problem body to store and replay later (e.g. for an idempotency key), with extras. */
export function problemBody(status: number, code: string, detail: string, extra: object = {}) {
  return { status, body: { ...new AppError(status, code, { detail }).toProblem(), ...extra } };
}
