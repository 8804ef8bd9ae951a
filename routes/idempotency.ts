import type { Context } from "hono";
import { AppError } from "../domain/app_error.ts";
import { hashToken } from "../services/tokens.ts";
import type { Store } from "../services/store.ts";
import type { AppEnv } from "./context.ts";

const KEY = /^[A-Za-z0-9_.:-]{1,128}$/;
const TTL_MS = 24 * 3600_000;
const WAIT_MS = 10_000;

interface Record {
  state: "pending" | "done";
  fingerprint: string;
  status?: number;
  body?: string;
}

/** The request's Idempotency-Key, validated; undefined when absent. */
export function idempotencyKey(c: Context<AppEnv>): string | undefined {
  const key = c.req.header("idempotency-key");
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new AppError(400, "invalid_idempotency_key", {
      detail: "Idempotency-Key must be 1-128 letters, digits or _.:-",
    });
  }
  return key;
}

/**
 * Runs `handler` at most once per (caller, Idempotency-Key): a retry gets the first
 * response, a concurrent duplicate waits for it, and the same key with a different body is
 * refused. Without the header the handler just runs.
 */
export async function withIdempotency(
  c: Context<AppEnv>,
  store: Store,
  scope: string,
  body: unknown,
  handler: () => Promise<Response>,
): Promise<Response> {
  const key = idempotencyKey(c);
  if (!key) return await handler();
  const who = c.get("principal").userId ?? "guest";
  const storeKey = `idem:${scope}:${who}:${key}`;
  const fingerprint = await hashToken(`${c.req.method} ${c.req.path} ${JSON.stringify(body)}`);
  const claimed = await store.setIfAbsent(
    storeKey,
    { state: "pending", fingerprint } satisfies Record,
    TTL_MS,
  );
  if (!claimed) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const record = await store.get<Record>(storeKey);
      if (record && record.fingerprint !== fingerprint) {
        throw new AppError(422, "idempotency_key_reused", {
          detail: "This Idempotency-Key was used with a different request.",
        });
      }
      if (record?.state === "done") {
        return new Response(record.body, {
          status: record.status,
          headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" },
        });
      }
      if (!record || Date.now() > deadline) {
        throw new AppError(409, "idempotency_in_progress", {
          detail: "A request with this Idempotency-Key is still running; retry shortly.",
          headers: { "Retry-After": "1" },
        });
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    const res = await handler();
    const text = await res.clone().text();
    await store.set(
      storeKey,
      { state: "done", fingerprint, status: res.status, body: text } satisfies Record,
      TTL_MS,
    );
    return res;
  } catch (err) {
    // A failed attempt leaves nothing behind: the client may retry with the same key.
    await store.delete(storeKey);
    throw err;
  }
}
