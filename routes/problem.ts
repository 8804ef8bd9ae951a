import type { Context, ErrorHandler, NotFoundHandler, ValidationTargets } from "hono";
import { HTTPException } from "hono/http-exception";
import { zValidator } from "@hono/zod-validator";
import type { z } from "zod";
import { AppError, type FieldProblem, invalidInput } from "../domain/app_error.ts";
import type { AppEnv } from "./context.ts";
import { ActorError } from "../domain/actor_error.ts";
import { errorPage, wantsPage } from "./error_page.tsx";

const PROBLEM_TYPE = "application/problem+json";

/** Sends an AppError as an RFC 9457 problem+json response (an HTML page for page requests). */
export function problemResponse(c: Context<AppEnv>, err: AppError): Response {
  if (wantsPage(c)) return errorPage(c, err);
  const body = err.toProblem(c.req.path, c.get("requestId"));
  const headers: Record<string, string> = { "Content-Type": PROBLEM_TYPE, ...err.headers };
  return c.body(JSON.stringify(body), err.status as 400, headers);
}

/** Turns Hono's own HTTP errors (bad JSON, bad content type, ...) into AppErrors. */
function fromHttpException(err: HTTPException): AppError {
  const codes: Record<number, string> = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    413: "payload_too_large",
    415: "unsupported_media_type",
  };
  const message = err.message.replace(/[\r\n]+/g, " ").slice(0, 200);
  return new AppError(err.status, codes[err.status] ?? "http_error", {
    detail: message || undefined,
  });
}

/**
 * Postgres refuses text holding a NUL character (SQLSTATE 22021). Only a client can have
 * sent one, in any field or query that reaches a statement: their mistake, not ours.
 */
function nulInText(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "22021";
}

/**
 * A write on behalf of a user whose row is gone (SQLSTATE 23503 against `users`): a token
 * that outlived its account, until the session check catches up. The caller must sign in.
 */
function userGone(err: unknown): boolean {
  const e = err as { code?: unknown; detail?: unknown } | null;
  return e?.code === "23503" && typeof e.detail === "string" &&
    /is not present in table "users"/.test(e.detail);
}

/** The one error handler: known errors as problem+json, the rest logged and answered 500. */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) return problemResponse(c, err);
  if (nulInText(err)) {
    return problemResponse(
      c,
      new AppError(400, "invalid_text", { detail: "Text may not contain NUL characters." }),
    );
  }
  if (userGone(err)) {
    return problemResponse(
      c,
      new AppError(401, "account_gone", { detail: "This account no longer exists." }),
    );
  }
  if (err instanceof ActorError) {
    return problemResponse(
      c,
      err.code === "flight_not_found"
        ? new AppError(404, "flight_not_found", { detail: "No such flight." })
        : new AppError(503, "inventory_unavailable", {
          detail: "Seat inventory is busy; try again.",
          headers: { "Retry-After": "1" },
        }),
    );
  }
  if (err instanceof HTTPException && err.status < 500) {
    return problemResponse(c, fromHttpException(err));
  }
  (c.get("log") ?? console).error("unhandled error", {
    error: err,
    method: c.req.method,
    path: c.req.path,
  });
  return problemResponse(
    c,
    new AppError(500, "internal", { detail: "Something went wrong on our side." }),
  );
};

/** 404 problem for any route nobody claimed. */
export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(
    c,
    new AppError(404, "route_not_found", { detail: `No route for ${c.req.method} ${c.req.path}` }),
  );

/** zod issues as the fields of a 400 problem. */
export function fieldProblems(issues: z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((i) => ({
    path: i.path.map(String).join(".") || "(root)",
    message: i.message,
  }));
}

/** zod validation of one request part; failures become a 400 problem listing each field. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw invalidInput(fieldProblems(result.error.issues));
  });
}
