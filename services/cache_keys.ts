/**
 * Store keys shared between the code that caches and the code that must invalidate: in one
 * place so a writer cannot miss a reader's key.
 */

/** The store key holding the schedule version; search caches are keyed by it. */
export const SCHEDULE_VERSION_KEY = "flights:version";

// The schedule version is a counter in the store; it must outlive every cached search.
const SCHEDULE_VERSION_TTL_MS = 365 * 24 * 3600_000;

/** Makes every cached search stale: flights were added, retimed, re-equipped or removed. */
export async function bumpScheduleVersion(
  store: { increment(key: string, ttlMs: number): Promise<unknown> },
): Promise<void> {
  await store.increment(SCHEDULE_VERSION_KEY, SCHEDULE_VERSION_TTL_MS);
}

/** The store key of a user's last security change (epoch ms): services/session_epochs.ts. */
export function userEpochKey(userId: string): string {
  return `user-epoch:${userId}`;
}
