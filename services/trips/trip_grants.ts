/**
 * Ending guest trip grants before their 30 minutes run out, in the shared store (Deno KV or
 * Redis, so every isolate sees it at once). "Forget this trip" revokes one grant by its id;
 * cancelling a booking, or erasing the account whose passengers' names opened it, ends every
 * grant of the booking issued until then (its grant epoch). Each entry expires with the last
 * grant it refuses, a minute later for clock skew: the store holds no more than the live grants.
 */
import type { Store } from "../../adapters/store.ts";
import { TRIP_TTL_SECONDS, type TripClaims } from "../../adapters/tokens.ts";
import { revokedTripGrantKey, tripGrantEpochKey } from "../flights/cache_keys.ts";

const SKEW_MS = 60_000;
// Writes at once, so erasing an account with many bookings is one group commit per batch.
const BATCH = 50;

/** True when the grant was forgotten, or its booking's grants were all ended after it. */
export async function isTripGrantRevoked(store: Store, grant: TripClaims): Promise<boolean> {
  const [revoked, epoch] = await Promise.all([
    store.get<boolean>(revokedTripGrantKey(grant.jti)),
    store.get<number>(tripGrantEpochKey(grant.bookingId)),
  ]);
  return revoked !== undefined || (epoch !== undefined && grant.issuedAtMs <= epoch);
}

/** Revokes one grant, kept until it would have lapsed anyway. */
export async function revokeTripGrant(
  store: Store,
  grant: TripClaims,
  nowMs: number,
): Promise<void> {
  const ttlMs = Math.max(0, grant.expiresAtMs - nowMs) + SKEW_MS;
  await store.set(revokedTripGrantKey(grant.jti), true, ttlMs);
}

/**
 * Ends every grant of these bookings issued at or before `atMs` (a grant opened afterwards,
 * e.g. to see the cancelled trip, is not affected); kept until the last of them lapses.
 */
export async function endTripGrants(
  store: Store,
  bookingIds: readonly string[],
  atMs: number,
): Promise<void> {
  for (let i = 0; i < bookingIds.length; i += BATCH) {
    await Promise.all(
      bookingIds.slice(i, i + BATCH).map(async (id) => {
        const key = tripGrantEpochKey(id);
        // Never moved back: a later end recorded first keeps refusing what it refused.
        const epoch = Math.max(atMs, (await store.get<number>(key)) ?? 0);
        await store.set(key, epoch, TRIP_TTL_SECONDS * 1000 + SKEW_MS);
      }),
    );
  }
}
