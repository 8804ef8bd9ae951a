import { AppError } from "../../domain/app_error.ts";
import type { Store } from "../../adapters/store.ts";

const TTL_MS = 3600_000;
const WAIT_MS = 10_000;

type Entry = { state: "pending" } | { state: "done"; result: string };

/** A per-render form token: random, URL-safe, checked before it names anything. */
export function formToken(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

/** True for a token formToken could have made. */
export function validFormToken(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(token);
}

/**
 * Runs `fn` at most once per `key` (a form's hidden token, scoped to its user): a double
 * submit of the same rendered form gets the first result instead of doing it again. A
 * failure forgets the key, so fixing the form and posting it again works.
 */
export async function oncePerForm(
  store: Store,
  key: string,
  fn: () => Promise<string>,
): Promise<string> {
  const storeKey = `form-once:${key}`;
  if (await store.setIfAbsent(storeKey, { state: "pending" } satisfies Entry, TTL_MS)) {
    try {
      const result = await fn();
      await store.set(storeKey, { state: "done", result } satisfies Entry, TTL_MS);
      return result;
    } catch (err) {
      await store.delete(storeKey);
      throw err;
    }
  }
  for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline;) {
    const entry = await store.get<Entry>(storeKey);
    if (!entry) return await oncePerForm(store, key, fn);
    if (entry.state === "done") return entry.result;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new AppError(409, "form_in_progress", {
    detail: "This form is still being processed; reload the page in a moment.",
  });
}
