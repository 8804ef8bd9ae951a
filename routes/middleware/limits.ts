/**
 * Every request rate limit in one table, per user when signed in, else per client address,
 * in fixed one-minute windows (see rate_limit.ts). `RATE_LIMIT_SCALE` multiplies them all (a
 * load test from one address sets it high; production leaves it at 1).
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppDeps, AppEnv } from "../context.ts";
import { rateLimit } from "./rate_limit.ts";

/** Requests per minute per user (or per address for guests), by what is asked. */
export const RATE_LIMITS = {
  auth: 20,
  booking: 60,
  payment: 30,
  lookup: 30,
  // Per booking reference, from every address together: guessing surnames for one PNR from
  // many addresses stays slow. Any well-formed PNR counts, found or not (no oracle).
  lookupPnr: 10,
  search: 120,
  calendar: 60,
  recommendations: 60,
  waitlist: 20,
  checkin: 20,
  stream: 30,
} as const;

/** A kind of request with its own limit. */
export type LimitName = keyof typeof RATE_LIMITS;

/** The middleware that enforces `name`'s limit. */
export function limitOf(
  deps: Pick<AppDeps, "store" | "config">,
  name: LimitName,
  key?: (c: Context<AppEnv>) => string,
): MiddlewareHandler<AppEnv> {
  const scale = deps.config.rateLimitScale ?? 1;
  return rateLimit({
    store: deps.store,
    name,
    limit: Math.max(1, Math.round(RATE_LIMITS[name] * scale)),
    windowMs: 60_000,
    key,
  });
}

/**
 * Counts this request against `name`'s limit inside a handler (429 when over); `key` counts
 * it against something other than the caller (one booking reference).
 */
export async function countRequest(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, "store" | "config">,
  name: LimitName,
  key?: string,
): Promise<void> {
  await limitOf(deps, name, key === undefined ? undefined : () => key)(c, () => Promise.resolve());
}
