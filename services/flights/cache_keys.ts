/**
 * Store keys shared between the code that caches and the code that must invalidate: in one
 * place so a writer cannot miss a reader's key.
 */

/** The store key holding the schedule version; search caches are keyed by it. */
export const SCHEDULE_VERSION_KEY = "flights:version";

// The schedule version is a counter in the store; it must outlive every cached search.
const SCHEDULE_VERSION_TTL_MS = 365 * 24 * 3600_000;

// Read from the store at most once a second per process: a change made elsewhere reaches
// searches here within that second (one made here at once), and a search costs no read.
const VERSION_MS = 1000;
const versions = new WeakMap<object, { at: number; value: Promise<number> }>();

/** The schedule version search caches are keyed by. */
export async function currentScheduleVersion(
  store: { get<T>(key: string): Promise<T | undefined> },
): Promise<number> {
  const hit = versions.get(store);
  const t = Date.now();
  if (hit && t - hit.at < VERSION_MS) return await hit.value;
  const value = store.get<number>(SCHEDULE_VERSION_KEY).then((v) => v ?? 0);
  versions.set(store, { at: t, value });
  return await value;
}

/** Makes every cached search stale: flights were added, retimed, re-equipped or removed. */
export async function bumpScheduleVersion(
  store: { increment(key: string, ttlMs: number): Promise<unknown> },
): Promise<void> {
  await store.increment(SCHEDULE_VERSION_KEY, SCHEDULE_VERSION_TTL_MS);
  versions.delete(store);
}

/** The store key of the airports' own minimum connection times (services/search). */
export const CONNECTION_MINIMUMS_KEY = "connection-minimums";

/** The store key of a user's last security change (epoch ms): services/accounts/session_epochs.ts. */
export function userEpochKey(userId: string): string {
  return `user-epoch:${userId}`;
}

/** The store key marking one guest trip grant revoked: services/trips/trip_grants.ts. */
export function revokedTripGrantKey(jti: string): string {
  return `trip-grant-revoked:${jti}`;
}

/** The store key of a booking's last end of all its trip grants (epoch ms): trip_grants.ts. */
export function tripGrantEpochKey(bookingId: string): string {
  return `trip-grant-epoch:${bookingId}`;
}
