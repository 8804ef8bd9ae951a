import type { Context } from "hono";
import { AppError } from "../domain/app_error.ts";
import { hashToken } from "../adapters/tokens.ts";
import type { Store } from "../adapters/store.ts";
import type { AppEnv } from "./context.ts";

const KEY = /^[A-Za-z0-9_.:-]{1,128}$/;
const TTL_MS = 24 * 3600_000;
const WAIT_MS = 10_000;

interface Record {
  state: "pending" | "done";
  fingerprint: string;
  status?: number;
  body?: string;
  /** `body` is the compact form of a StoredForm, not the answer itself. */
  kept?: boolean;
}

/**
 * How a success is kept for replays when its body holds personal data: a compact form (ids
 * only) at rest, and the answer rebuilt from it when a retry comes.
 */
export interface StoredForm {
  keep(body: string): string;
  restore(kept: string): Promise<string>;
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
 * A request of this process that is claiming, or holds, an idempotency key. Duplicates that
 * arrive meanwhile wait on it instead of claiming and polling the store themselves.
 */
interface Leader {
  fingerprint: Promise<string>;
  /** Whether it won the claim; false when another process or an earlier request holds it. */
  claimed: Promise<boolean>;
  /** The record it stored, or undefined when its handler failed and the claim was deleted. */
  settled: Promise<Record | undefined>;
}

// Per store: tests and processes with several stores must not share claims by key alone.
const leadersByStore = new WeakMap<Store, Map<string, Leader>>();

function leadersOf(store: Store): Map<string, Leader> {
  let leaders = leadersByStore.get(store);
  if (!leaders) leadersByStore.set(store, leaders = new Map());
  return leaders;
}

/**
 * Runs `handler` at most once per (caller, Idempotency-Key): a retry gets the first
 * response, a concurrent duplicate waits for it, and the same key with a different body is
 * refused. Without the header the handler just runs.
 */
export function withIdempotency<R extends Response>(
  c: Context<AppEnv>,
  store: Store,
  scope: string,
  body: unknown,
  handler: () => Promise<R>,
  stored?: StoredForm,
): Promise<R>;
// A replay is the stored answer of an earlier run of the same handler: it is typed as the
// handler's answer, so an endpoint's declared response type holds for it too.
export async function withIdempotency(
  c: Context<AppEnv>,
  store: Store,
  scope: string,
  body: unknown,
  handler: () => Promise<Response>,
  stored?: StoredForm,
): Promise<Response> {
  const key = idempotencyKey(c);
  if (!key) return await handler();
  const who = c.get("principal").userId ?? "guest";
  const storeKey = `idem:${scope}:${who}:${key}`;
  const deadline = Date.now() + WAIT_MS;
  const fingerprint = hashToken(`${c.req.method} ${c.req.path} ${JSON.stringify(body)}`);
  // Looked up, and registered by `lead`, before the first await: a duplicate arriving while
  // this request still hashes its body already finds it.
  const leader = leadersOf(store).get(storeKey);
  if (!leader) return await lead(store, storeKey, { fingerprint, deadline, handler, stored });
  const mine = await fingerprint;
  if (!await leader.claimed) return await awaitRecord(store, storeKey, mine, deadline, stored);
  // The claim holds the leader's record: the store would give the same answers, after a read.
  if (await leader.fingerprint !== mine) throw reused();
  return await replay(await within(leader.settled, deadline), stored);
}

/** Claims the key and runs the handler, as this process's leader for the key. */
async function lead(
  store: Store,
  storeKey: string,
  options: {
    fingerprint: Promise<string>;
    deadline: number;
    handler: () => Promise<Response>;
    stored?: StoredForm;
  },
): Promise<Response> {
  const leaders = leadersOf(store);
  const claimed = Promise.withResolvers<boolean>();
  const settled = Promise.withResolvers<Record | undefined>();
  // A failed claim rejects `claimed` for the duplicates, if any; nobody else must see it.
  claimed.promise.catch(() => {});
  const self: Leader = {
    fingerprint: options.fingerprint,
    claimed: claimed.promise,
    settled: settled.promise,
  };
  leaders.set(storeKey, self);
  try {
    let fingerprint: string, won: boolean;
    try {
      fingerprint = await options.fingerprint;
      const pending: Record = { state: "pending", fingerprint };
      won = await store.setIfAbsent(storeKey, pending, TTL_MS);
    } catch (err) {
      claimed.reject(err);
      throw err;
    }
    claimed.resolve(won);
    if (!won) {
      return await awaitRecord(store, storeKey, fingerprint, options.deadline, options.stored);
    }
    let record: Record | undefined;
    try {
      const res = await options.handler();
      const text = await res.clone().text();
      const body = options.stored && res.ok ? options.stored.keep(text) : text;
      record = { state: "done", fingerprint, status: res.status, body, kept: body !== text };
      await store.set(storeKey, record, TTL_MS);
      return res;
    } catch (err) {
      // Even when only storing it failed: duplicates must not replay an answer never stored.
      record = undefined;
      // A failed attempt leaves nothing behind: the client may retry with the same key.
      await store.delete(storeKey);
      throw err;
    } finally {
      settled.resolve(record);
    }
  } finally {
    if (leaders.get(storeKey) === self) leaders.delete(storeKey);
  }
}

/** Waits for a claim held elsewhere (another process, or an earlier request) by polling. */
async function awaitRecord(
  store: Store,
  storeKey: string,
  fingerprint: string,
  deadline: number,
  stored?: StoredForm,
): Promise<Response> {
  for (;;) {
    const record = await store.get<Record>(storeKey);
    if (record && record.fingerprint !== fingerprint) throw reused();
    if (!record || record.state === "done" || Date.now() > deadline) {
      return await replay(record, stored);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The first answer when the record is done; otherwise the duplicate is told to retry. */
async function replay(record: Record | undefined, stored?: StoredForm): Promise<Response> {
  if (record?.state !== "done") {
    throw new AppError(409, "idempotency_in_progress", {
      detail: "A request with this Idempotency-Key is still running; retry shortly.",
      headers: { "Retry-After": "1" },
    });
  }
  const body = record.kept && stored ? await stored.restore(record.body!) : record.body;
  return new Response(body, {
    status: record.status,
    headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" },
  });
}

function reused(): AppError {
  return new AppError(422, "idempotency_key_reused", {
    detail: "This Idempotency-Key was used with a different request.",
  });
}

/** `promise`'s value, or undefined once `deadline` (epoch ms) has passed. */
async function within<T>(promise: Promise<T>, deadline: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((r) => {
    timer = setTimeout(() => r(undefined), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
