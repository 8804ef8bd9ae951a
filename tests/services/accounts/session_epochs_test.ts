import assert from "node:assert/strict";
import { kvStore } from "../../../adapters/store.ts";
import {
  createSessionEpochs,
  EPOCH_MEMO_MS,
  sessionEpochs,
} from "../../../services/accounts/session_epochs.ts";

Deno.test("session epochs: a token issued before the user's last change is revoked, one issued at or after it is not", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const epochs = createSessionEpochs(kvStore(kv));
    const user = crypto.randomUUID();
    assert.equal(await epochs.revoked(user, 1_000), false, "no change recorded");
    await epochs.bump(user, 5_000);
    assert.equal(await epochs.revoked(user, 4_999), true);
    assert.equal(await epochs.revoked(user, 5_000), false);
    assert.equal(await epochs.revoked(user, 6_000), false);
    assert.equal(await epochs.revoked(crypto.randomUUID(), 1_000), false, "other users untouched");
    await epochs.bump(user, 3_000);
    assert.equal(await epochs.revoked(user, 4_000), true, "an older bump never moves it back");
  } finally {
    kv.close();
  }
});

Deno.test("session epochs: another process sees a change once its memo is older than EPOCH_MEMO_MS", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    let t = 0;
    const here = createSessionEpochs(kvStore(kv));
    const there = createSessionEpochs(kvStore(kv), { now: () => t });
    const user = crypto.randomUUID();
    assert.equal(await there.revoked(user, 1_000), false);
    await here.bump(user, 2_000);
    assert.equal(await here.revoked(user, 1_000), true, "the changing process sees it at once");
    t = EPOCH_MEMO_MS - 1;
    assert.equal(await there.revoked(user, 1_000), false, "still within the documented staleness");
    t = EPOCH_MEMO_MS;
    assert.equal(await there.revoked(user, 1_000), true);
  } finally {
    kv.close();
  }
});

Deno.test("session epochs: one set per store, so the middleware sees the routes' changes at once", async () => {
  const kv = await Deno.openKv(":memory:");
  try {
    const store = kvStore(kv);
    assert.equal(sessionEpochs(store), sessionEpochs(store));
    assert.notEqual(sessionEpochs(store), sessionEpochs(kvStore(kv)));
  } finally {
    kv.close();
  }
});
