/**
 * Per-account sign-in throttling: wrong passwords are counted per email address, whatever the
 * client address they come from. The first few are free; after that each attempt for the
 * account must wait 2, 4, 8 … seconds, never more than a minute, so a guesser gets a few dozen
 * tries an hour while the real owner is never kept out for longer than a minute. A right
 * password clears the count.
 */
import { AppError } from "../../domain/app_error.ts";
import type { Store } from "../../adapters/store.ts";
import { hashToken } from "../../adapters/tokens.ts";

/** Wrong passwords for one account that cost nothing. */
export const LOGIN_FREE_FAILURES = 5;
/** The longest an account's sign-in ever waits. */
export const LOGIN_MAX_WAIT_MS = 60_000;
/** A run of failures is forgotten this long after the last one. */
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;

interface Failures {
  count: number;
  /** Epoch ms before which the account's next attempt is refused. */
  waitUntil: number;
}

async function keyOf(email: string): Promise<string> {
  return `login-failures:${await hashToken(email.trim().toLowerCase())}`;
}

/** How long an account must wait after its `count`-th wrong password. */
export function loginWait(count: number): number {
  if (count < LOGIN_FREE_FAILURES) return 0;
  return Math.min(LOGIN_MAX_WAIT_MS, 2 ** (count - LOGIN_FREE_FAILURES + 1) * 1000);
}

/** 429 `login_throttled` while the account must wait. */
export async function refuseWhileThrottled(store: Store, email: string, now: number) {
  const f = await store.get<Failures>(await keyOf(email));
  if (f && f.waitUntil > now) {
    const seconds = Math.ceil((f.waitUntil - now) / 1000);
    throw new AppError(429, "login_throttled", {
      detail: `Too many wrong passwords for this account; try again in ${seconds} s.`,
      headers: { "Retry-After": String(seconds) },
    });
  }
}

/** Counts a wrong password for the account; the count so far. */
export async function countLoginFailure(store: Store, email: string, now: number) {
  const key = await keyOf(email);
  const count = ((await store.get<Failures>(key))?.count ?? 0) + 1;
  await store.set(key, { count, waitUntil: now + loginWait(count) }, LOGIN_FAILURE_WINDOW_MS);
  return count;
}

/** Forgets the account's wrong passwords (it signed in). */
export async function clearLoginFailures(store: Store, email: string) {
  await store.delete(await keyOf(email));
}
