import { userEpochKey } from "../flights/cache_keys.ts";
import { memoizeAsync } from "../../platform/memo.ts";
import type { Store } from "../../adapters/store.ts";
import { ACCESS_TTL_SECONDS } from "../../adapters/tokens.ts";

/**
 * How long a process trusts its copy of a user's epoch. A change made through this process is
 * seen at once (the copy is dropped); one made through another process (another Deno Deploy
 * isolate) is seen within this many milliseconds. That staleness is accepted: it buys one
 * store read per signed-in user per 2 s instead of one per request on the booking hot path.
 */
export const EPOCH_MEMO_MS = 2_000;

// An epoch only has to outlive the access tokens it refuses; a minute more covers clock skew.
const EPOCH_TTL_MS = ACCESS_TTL_SECONDS * 1000 + 60_000;

/**
 * Per-user security epochs: a role change or a disabling records its time, and every access
 * token issued before it stops working, without waiting 15 minutes for the token to expire.
 */
export interface SessionEpochs {
  /** True when a token issued at `issuedAtMs` predates the user's last security change. */
  revoked(userId: string, issuedAtMs: number): Promise<boolean>;
  /**
   * Records a security change at `atMs`: tokens issued before it are refused from now on
   * (with `inclusive`, those issued in that very millisecond too: erasure and sign-out end
   * the token that asked for them).
   */
  bump(userId: string, atMs: number, inclusive?: boolean): Promise<void>;
}

// One per store, so the middleware and the admin routes share the memo the routes invalidate.
const byStore = new WeakMap<Store, SessionEpochs>();

/** The session epochs kept in `store` (created once per store). */
export function sessionEpochs(store: Store): SessionEpochs {
  let epochs = byStore.get(store);
  if (!epochs) byStore.set(store, epochs = createSessionEpochs(store));
  return epochs;
}

/**
 * A separate set of epochs over `store`, as another process would have (tests); `now` is the
 * memo's clock (default Date.now).
 */
export function createSessionEpochs(
  store: Store,
  options: { now?: () => number } = {},
): SessionEpochs {
  // 0 stands for "no change recorded", so the common answer is memoized too (the memo does
  // not keep undefined).
  const epochOf = memoizeAsync(
    async (userId) => (await store.get<number>(userEpochKey(userId))) ?? 0,
    { ttlMs: EPOCH_MEMO_MS, max: 20_000, now: options.now },
  );
  return {
    async revoked(userId, issuedAtMs) {
      return issuedAtMs < (await epochOf(userId) ?? 0);
    },
    async bump(userId, atMs, inclusive = false) {
      const current = (await store.get<number>(userEpochKey(userId))) ?? 0;
      const epoch = inclusive ? atMs + 1 : atMs;
      await store.set(userEpochKey(userId), Math.max(current, epoch), EPOCH_TTL_MS);
      epochOf.forget(userId);
    },
  };
}
