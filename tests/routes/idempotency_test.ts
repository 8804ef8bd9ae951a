import assert from "node:assert/strict";
import { Hono } from "hono";
import { AppError } from "../../domain/app_error.ts";
import type { AppEnv } from "../../routes/context.ts";
import { withIdempotency } from "../../routes/idempotency.ts";
import { onError } from "../../routes/problem.ts";
import { kvStore, type Store } from "../../adapters/store.ts";

/** A store that counts the calls made to it: another Store object, as a process has one. */
function counted(store: Store) {
  const calls = { get: 0, setIfAbsent: 0, set: 0, delete: 0 };
  const wrapped: Store = {
    get: (key) => (calls.get++, store.get(key)),
    setIfAbsent: (key, value, ttlMs) => (calls.setIfAbsent++, store.setIfAbsent(key, value, ttlMs)),
    set: (key, value, ttlMs) => (calls.set++, store.set(key, value, ttlMs)),
    delete: (key) => (calls.delete++, store.delete(key)),
    increment: (key, ttlMs) => store.increment(key, ttlMs),
  };
  return { calls, store: wrapped };
}

/** A handler held open until `open()`, that tells when it has started and how often it ran. */
function gatedHandler(answer: (run: number) => Response | Promise<Response>) {
  let open!: () => void;
  const opened = new Promise<void>((r) => open = r);
  let entered!: () => void;
  const started = new Promise<void>((r) => entered = r);
  const state = { runs: 0, open, started };
  return {
    state,
    handler: async () => {
      const run = ++state.runs;
      entered();
      await opened;
      return await answer(run);
    },
  };
}

/**
 * One app on `store`: POST /api/things?v= runs `handler` under withIdempotency. The body is
 * the query, read without an await, so a request reaches withIdempotency within `post()`:
 * the order of the test's requests is the order they claim in.
 */
function appOn(store: Store, handler: () => Promise<Response>) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("principal", { userId: "u1", role: "passenger", via: "bearer" });
    await next();
  });
  app.post("/api/things", (c) => withIdempotency(c, store, "thing", c.req.query(), handler));
  app.onError(onError);
  return app;
}

const post = (app: Hono<AppEnv>, v: string) =>
  app.request(`/api/things?v=${v}`, { method: "POST", headers: { "Idempotency-Key": "k-1" } });

/** Runs `fn` with a fresh in-memory KV store. */
async function withStore(fn: (store: Store) => Promise<void>) {
  const kv = await Deno.openKv(":memory:");
  try {
    await fn(kvStore(kv));
  } finally {
    kv.close();
  }
}

Deno.test("duplicates in one process wait for the first answer without claiming or polling", async () => {
  await withStore(async (base) => {
    const { calls, store } = counted(base);
    const { state, handler } = gatedHandler((run) => Response.json({ run }, { status: 201 }));
    const app = appOn(store, handler);
    const early = Array.from({ length: 3 }, () => post(app, "1"));
    await state.started;
    const late = Array.from({ length: 3 }, () => post(app, "1"));
    state.open();
    const responses = await Promise.all([...early, ...late]);
    assert.deepEqual(responses.map((r) => r.status), Array(6).fill(201));
    assert.deepEqual(await Promise.all(responses.map((r) => r.json())), Array(6).fill({ run: 1 }));
    const replayed = responses.filter((r) => r.headers.get("idempotent-replayed") === "true");
    assert.equal(replayed.length, 5);
    assert.equal(state.runs, 1);
    assert.deepEqual(calls, { get: 0, setIfAbsent: 1, set: 1, delete: 0 });
  });
});

Deno.test("a duplicate with another body is refused at once while the first still runs", async () => {
  await withStore(async (store) => {
    const { state, handler } = gatedHandler(() => Response.json({ ok: true }, { status: 201 }));
    const app = appOn(store, handler);
    const first = post(app, "1");
    await state.started;
    const other = await post(app, "2");
    assert.equal(other.status, 422);
    assert.equal((await other.json()).code, "idempotency_key_reused");
    state.open();
    assert.equal((await first).status, 201);
    assert.equal((await post(app, "2")).status, 422, "and after it finished");
  });
});

Deno.test("when the first attempt fails its duplicates get 409 and the key can be used again", async () => {
  await withStore(async (base) => {
    const { calls, store } = counted(base);
    const { state, handler } = gatedHandler((run) => {
      if (run === 1) throw new AppError(503, "unavailable", { detail: "try again" });
      return Response.json({ run }, { status: 201 });
    });
    const app = appOn(store, handler);
    const first = post(app, "1");
    await state.started;
    const duplicates = Array.from({ length: 3 }, () => post(app, "1"));
    state.open();
    assert.equal((await first).status, 503);
    for (const res of await Promise.all(duplicates)) {
      assert.equal(res.status, 409);
      assert.equal((await res.json()).code, "idempotency_in_progress");
      assert.equal(res.headers.get("retry-after"), "1");
    }
    assert.equal(calls.delete, 1);
    const retry = await post(app, "1");
    assert.equal(retry.status, 201);
    assert.deepEqual(await retry.json(), { run: 2 });
    assert.equal(retry.headers.get("idempotent-replayed"), null);
  });
});

Deno.test("a retry after the first finished replays its answer from the store", async () => {
  await withStore(async (base) => {
    const { calls, store } = counted(base);
    const { state, handler } = gatedHandler((run) => Response.json({ run }, { status: 201 }));
    state.open();
    const app = appOn(store, handler);
    const first = await post(app, "1");
    const again = await post(app, "1");
    assert.equal(again.status, 201);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(await again.json(), await first.json());
    assert.equal(state.runs, 1);
    assert.deepEqual(calls, { get: 1, setIfAbsent: 2, set: 1, delete: 0 });
  });
});

Deno.test("a duplicate in another process waits on the store and gets the first answer", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const { state, handler } = gatedHandler((run) => Response.json({ run }, { status: 201 }));
    const here = appOn(kvStore(kv), handler);
    const there = counted(kvStore(kv));
    const first = post(here, "1");
    await state.started;
    const duplicate = post(appOn(there.store, handler), "1");
    // Opened only once the other process has seen the pending claim.
    while (there.calls.get === 0) await new Promise((r) => setTimeout(r, 1));
    state.open();
    const [a, b] = await Promise.all([first, duplicate]);
    assert.equal(b.status, 201);
    assert.equal(b.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(await b.json(), await a.json());
    assert.equal(state.runs, 1);
  } finally {
    kv.close();
  }
});
