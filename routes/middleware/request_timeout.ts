import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../../domain/app_error.ts";
import type { AppEnv } from "../context.ts";

/** Options for requestTimeout. */
export interface RequestTimeoutOptions {
  ms: number;
  /** Requests that may take as long as they need (event streams, large uploads). */
  exempt?: (c: Context<AppEnv>) => boolean;
}

/**
 * Answers 503 (a problem, with Retry-After) when the rest of the chain has not produced a
 * response within `ms`, body reading included. The timer stops once a response exists, so
 * a streamed body (an event stream) is never cut. The slow handler runs on, unobserved.
 */
export function requestTimeout(options: RequestTimeoutOptions): MiddlewareHandler<AppEnv> {
  return async function requestTimeoutMiddleware(c, next) {
    if (options.exempt?.(c)) return await next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() =>
        reject(
          new AppError(503, "request_timeout", {
            detail: `The request was not answered within ${options.ms} ms; try again.`,
            headers: { "Retry-After": "1" },
          }),
        ), options.ms);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
