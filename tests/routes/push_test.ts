import assert from "node:assert/strict";
import { newVapidKeys } from "../../platform/config.ts";
import { notifyUser } from "../../notifications/notifier.ts";
import { acceptableEndpoint } from "../../adapters/web_push.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, signUp } from "../support/http.ts";
import { startPushService } from "../support/push_service.ts";
import type { Database } from "../../db/postgres.ts";

async function setup(db: Database) {
  const [publicKey, privateKey] = (await newVapidKeys()).split(" ");
  const t = await testApp(db, undefined, {
    env: {
      VAPID_PUBLIC_KEY: publicKey,
      VAPID_PRIVATE_KEY: privateKey,
      VAPID_SUBJECT: "mailto:ops@example.test",
    },
  });
  const { user, headers } = await signUp(t.app);
  const subscribe = (body: unknown) =>
    t.app.request("/api/me/push-subscriptions", json("POST", body, headers));
  const count = async () =>
    (await db.sql`SELECT count(*)::int AS n FROM push_subscriptions`)[0].n as number;
  return { ...t, publicKey, user, headers, subscribe, count };
}

testOnEachBackend(
  "push: a subscribed browser gets each notification once, VAPID-signed and decryptable",
  async (db) => {
    const s = await setup(db);
    const service = startPushService(s.publicKey);
    try {
      const key = await s.app.request("/api/push/vapid-public-key");
      assert.equal(key.status, 200);
      assert.deepEqual(await key.json(), { publicKey: s.publicKey });

      const laptop = await service.subscribe("laptop");
      const created = await s.subscribe(laptop);
      assert.equal(created.status, 201);
      const again = await s.subscribe(laptop);
      assert.equal(again.status, 200, "the same endpoint again updates, not duplicates");
      assert.equal((await again.json()).id, (await created.json()).id);

      const notice = {
        userId: s.user.id,
        kind: "crew_assignment" as const,
        title: "You fly CT 12 tomorrow <b>",
        body: "Report at 06:00.",
        data: { flightId: "f-1" },
        dedupeKey: "crew:1",
      };
      const first = await notifyUser(s.deps.notifier, notice);
      assert.deepEqual(first.push, { sent: 1, removed: 0, failed: 0 }, service.refused.join());
      assert.equal(service.received.length, 1);
      const got = service.received[0];
      assert.deepEqual(got.payload, {
        id: first.inApp!.id,
        kind: "crew_assignment",
        title: "You fly CT 12 tomorrow <b>",
        body: "Report at 06:00.",
        data: { flightId: "f-1" },
      });
      assert.equal(got.jwt.sub, "mailto:ops@example.test");
      assert.equal(got.jwt.aud, service.url);

      const repeat = await notifyUser(s.deps.notifier, notice);
      assert.equal(repeat.inApp, undefined);
      assert.equal(service.received.length, 1, "the same dedupe key never pushes twice");

      // The browser unsubscribed: the push service answers 410 and the subscription goes.
      service.expire("laptop");
      const gone = await notifyUser(s.deps.notifier, { ...notice, dedupeKey: "crew:2" });
      assert.deepEqual(gone.push, { sent: 0, removed: 1, failed: 0 });
      assert.equal(await s.count(), 0);
    } finally {
      await service.close();
      await s.close();
    }
  },
);

testOnEachBackend("push: a push service that expects another key refuses it", async (db) => {
  const s = await setup(db);
  const [otherKey] = (await newVapidKeys()).split(" ");
  const service = startPushService(otherKey);
  try {
    assert.equal((await s.subscribe(await service.subscribe("phone"))).status, 201);
    const r = await notifyUser(s.deps.notifier, {
      userId: s.user.id,
      kind: "crew_assignment",
      title: "t",
      body: "b",
      dedupeKey: "crew:x",
    });
    assert.deepEqual(r.push, { sent: 0, removed: 0, failed: 1 });
    assert.match(service.refused[0], /k is not the server's VAPID key/);
    assert.equal(await s.count(), 1, "a refusal other than 404/410 keeps the subscription");
  } finally {
    await service.close();
    await s.close();
  }
});

testOnEachBackend(
  "push: bad subscriptions and unsubscribes are refused with problems and change nothing",
  async (db) => {
    const s = await setup(db);
    const service = startPushService(s.publicKey);
    try {
      const good = await service.subscribe("tablet");
      const cases: [unknown, number, string][] = [
        [{ ...good, endpoint: "ftp://push.example.com/x" }, 400, "invalid_input"],
        [{ ...good, endpoint: "not a url" }, 400, "invalid_input"],
        [{ ...good, endpoint: "https://10.1.2.3/push" }, 422, "invalid_subscription"],
        [{ ...good, endpoint: "https://user:pw@push.example.com/x" }, 422, "invalid_subscription"],
        [{ endpoint: good.endpoint }, 400, "invalid_input"],
        [{ ...good, keys: { ...good.keys, p256dh: "short" } }, 400, "invalid_input"],
        [{ ...good, keys: { ...good.keys, p256dh: "A".repeat(87) } }, 422, "invalid_subscription"],
        [{ ...good, keys: { ...good.keys, auth: "A".repeat(30) } }, 400, "invalid_input"],
      ];
      for (const [body, status, code] of cases) {
        const res = await s.subscribe(body);
        assert.equal(res.status, status, JSON.stringify(body));
        assert.equal(res.headers.get("content-type"), "application/problem+json");
        assert.equal((await res.json()).code, code);
      }
      const broken = await s.app.request("/api/me/push-subscriptions", {
        method: "POST",
        headers: { ...s.headers, "Content-Type": "application/json" },
        body: '{"endpoint": ',
      });
      assert.equal(broken.status, 400);
      assert.equal(await s.count(), 0);

      assert.equal((await s.subscribe(good)).status, 201);
      const remove = (body: unknown) =>
        s.app.request("/api/me/push-subscriptions", json("DELETE", body, s.headers));
      for (const bad of [{}, { all: false }, { endpoint: "" }, { endpoint: "x", all: true }]) {
        assert.equal((await remove(bad)).status, 400, JSON.stringify(bad));
      }
      const other = await signUp(s.app, "eve@example.test");
      const theirs = await s.app.request(
        "/api/me/push-subscriptions",
        json("DELETE", { endpoint: good.endpoint }, other.headers),
      );
      assert.deepEqual(await theirs.json(), { deleted: 0 }, "only my own subscriptions");
      assert.equal(await s.count(), 1);
      assert.deepEqual(await (await remove({ endpoint: good.endpoint })).json(), { deleted: 1 });
      assert.equal(await s.count(), 0);
      const guest = await s.app.request(
        "/api/me/push-subscriptions",
        json("POST", await service.subscribe("guest")),
      );
      assert.equal(guest.status, 401);
    } finally {
      await service.close();
      await s.close();
    }
  },
);

testOnEachBackend(
  "push: without VAPID keys the public key endpoint says push is off",
  async (db) => {
    const t = await testApp(db);
    try {
      const res = await t.app.request("/api/push/vapid-public-key");
      assert.equal(res.status, 404);
      assert.equal((await res.json()).code, "push_disabled");
    } finally {
      await t.close();
    }
  },
);

Deno.test("push: endpoints must be https on a public host; loopback http only outside production", () => {
  const cases: [string, boolean, boolean][] = [
    ["https://fcm.googleapis.com/fcm/send/abc", false, true],
    ["https://updates.push.services.mozilla.com/wpush/v2/x", false, true],
    ["http://fcm.googleapis.com/fcm/send/abc", true, false],
    ["http://127.0.0.1:9999/push/a", true, true],
    ["http://127.0.0.1:9999/push/a", false, false],
    ["http://localhost/push", false, false],
    ["https://192.168.1.10/push", true, false],
    ["https://172.20.0.1/push", true, false],
    ["https://[fd00::1]/push", true, false],
    ["https://intranet/push", true, false],
    ["https://a:b@push.example.com/", true, false],
    ["nonsense", true, false],
  ];
  for (const [url, loopback, ok] of cases) {
    assert.equal(acceptableEndpoint(url, loopback), ok, `${url} loopback=${loopback}`);
  }
});
