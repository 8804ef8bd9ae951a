import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../../domain/app_error.ts";
import type { Store } from "../../adapters/store.ts";
import type { AppEnv } from "../context.ts";

/** Options for rateLimit. */
export interface RateLimitOptions {
  store: Store;
  /** Names the limit in keys and messages, e.g. "auth". */
  name: string;
  limit: number;
  windowMs: number;
  /** What is limited: by default the signed-in user, else the client address. */
  key?: (c: Context<AppEnv>) => string;
}

/**
 * The caller's address: as a trusted proxy reported it, else as Deno.serve saw it ("local"
 * under app.request in tests).
 */
export function clientAddress(c: Context<AppEnv>): string {
  const info = c.env as { remoteAddr?: { hostname?: string } } | undefined;
  return c.get("clientAddress") ?? info?.remoteAddr?.hostname ?? "local";
}

/** A fixed-window limit: past `limit` requests per window, 429 with Retry-After. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return async function rateLimitMiddleware(c, next) {
    const userId = c.get("principal")?.userId;
    const who = options.key?.(c) ?? (userId ? `user:${userId}` : `ip:${clientAddress(c)}`);
    const { count, resetMs } = await options.store.increment(
      `rl:${options.name}:${who}`,
      options.windowMs,
    );
    const retryAfter = Math.max(1, Math.ceil(resetMs / 1000));
    c.header("RateLimit-Limit", String(options.limit));
    c.header("RateLimit-Remaining", String(Math.max(0, options.limit - count)));
    c.header("RateLimit-Reset", String(retryAfter));
    if (count > options.limit) {
      throw new AppError(429, "rate_limited", {
        detail: `Too many ${options.name} requests; try again in ${retryAfter} s.`,
        headers: { "Retry-After": String(retryAfter) },
      });
    }
    await next();
  };
}
