/**
 * A guest's access to one trip over HTTP. Pages keep the grant in the `ct_trip` cookie
 * (HttpOnly, SameSite=Strict, path /trips/lookup: sent to the guest's trip pages only, never to
 * scripts or other sites; every form post there carries `_csrf` too). API clients send it in
 * `X-Trip-Token`, like a bearer token, so no cookie (and no CSRF) is involved.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { TRIP_TTL_SECONDS, type TripClaims, verifyTripToken } from "../adapters/tokens.ts";
import { AppError } from "../domain/app_error.ts";
import { grantTrip, type TripGrant } from "../services/trips/guest_trip.ts";
import { isTripGrantRevoked, revokeTripGrant } from "../services/trips/trip_grants.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { countRequest } from "./middleware/limits.ts";

/** The cookie that holds a guest's trip grant. */
export const TRIP_COOKIE = "ct_trip";
/** Where the guest's trip pages live (and the only path the cookie is sent to). */
export const GUEST_TRIP_PATH = "/trips/lookup";
/** The header an API client sends its trip token in. */
export const TRIP_HEADER = "X-Trip-Token";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "store">;

/**
 * Counts a lookup against its PNR's own limit, found or not, so guessing surnames for one
 * reference from many addresses stays slow (the route counts the caller's lookups).
 */
export async function countPnr(c: Context<AppEnv>, deps: Deps, pnr: string): Promise<void> {
  await countRequest(c, deps, "lookupPnr", `pnr:${pnr}`);
}

/** Checks a PNR and surname (counted by countPnr), then grants the booking for 30 minutes. */
export async function openTrip(
  c: Context<AppEnv>,
  deps: Deps,
  query: { pnr: string; lastName: string },
): Promise<TripGrant> {
  await countPnr(c, deps, query.pnr);
  return await grantTrip(
    { sql: deps.db.sql, clock: deps.clock, jwtSecret: deps.config.jwtSecret! },
    query,
  );
}

/** Keeps a grant in the browser for the guest's trip pages. */
export function setTripCookie(c: Context<AppEnv>, deps: Deps, grant: TripGrant): void {
  setCookie(c, TRIP_COOKIE, grant.token, {
    httpOnly: true,
    secure: deps.config.env === "production",
    sameSite: "Strict",
    path: GUEST_TRIP_PATH,
    maxAge: TRIP_TTL_SECONDS,
  });
}

/** Ends the browser's grant (the guest is done, or it names a trip that is gone). */
export function clearTripCookie(c: Context<AppEnv>): void {
  deleteCookie(c, TRIP_COOKIE, { path: GUEST_TRIP_PATH });
}

/** A live grant: signed by us, not lapsed, not revoked; else undefined, as if expired. */
async function liveGrant(deps: Deps, token: string | undefined): Promise<TripClaims | undefined> {
  const grant = token && await verifyTripToken(token, deps.config.jwtSecret!, deps.clock.now());
  if (!grant || await isTripGrantRevoked(deps.store, grant)) return undefined;
  return grant;
}

/** The grant in the browser's trip cookie, or undefined (none, expired, revoked, forged). */
export async function cookieGrant(c: Context<AppEnv>, deps: Deps): Promise<TripClaims | undefined> {
  return await liveGrant(deps, getCookie(c, TRIP_COOKIE));
}

/** The booking the browser's trip cookie grants, or undefined (none, expired, revoked, forged). */
export async function cookieTrip(c: Context<AppEnv>, deps: Deps): Promise<string | undefined> {
  return (await cookieGrant(c, deps))?.bookingId;
}

/** The grant in an API request's `X-Trip-Token`; without a live one, a 401. */
export async function headerGrant(c: Context<AppEnv>, deps: Deps): Promise<TripClaims> {
  const grant = await liveGrant(deps, c.req.header(TRIP_HEADER));
  if (!grant) {
    throw new AppError(401, "trip_token_required", {
      detail: `Send the token from POST /api/bookings/lookup in ${TRIP_HEADER}; it lasts 30 ` +
        "minutes.",
    });
  }
  return grant;
}

/** The booking an API request's `X-Trip-Token` grants; without a live one, a 401. */
export async function headerTrip(c: Context<AppEnv>, deps: Deps): Promise<string> {
  return (await headerGrant(c, deps)).bookingId;
}

/** Revokes a grant for good: a copy of its token then answers as an expired one. */
export async function forgetGrant(deps: Deps, grant: TripClaims): Promise<void> {
  await revokeTripGrant(deps.store, grant, deps.clock.now().getTime());
}
