import assert from "node:assert/strict";
import { notifyUser } from "../../notifications/notifier.ts";
import { notifyFlightStatusChange } from "../../notifications/flight_notices.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { json, signUp } from "../support/http.ts";
import { notifyFixture } from "../support/notify.ts";

testOnEachBackend(
  "notifications: paged newest first with the unread count; read one (own only) or all",
  async (db) => {
    const t = await testApp(db);
    try {
      const ada = await signUp(t.app, "ada@example.test");
      const eve = await signUp(t.app, "eve@example.test");
      const ids: string[] = [];
      for (let i = 1; i <= 5; i++) {
        const r = await notifyUser(t.deps.notifier, {
          userId: ada.user.id,
          kind: "crew_assignment",
          title: `Notice ${i}`,
          body: "b",
          dedupeKey: `n${i}`,
        });
        ids.push(r.inApp!.id);
      }
      const evesOwn = await notifyUser(t.deps.notifier, {
        userId: eve.user.id,
        kind: "crew_assignment",
        title: "Eve's",
        body: "b",
        dedupeKey: "e1",
      });
      const get = async (query = "", headers = ada.headers) =>
        await t.app.request(`/api/me/notifications${query}`, { headers });
      const page1 = await (await get("?limit=2")).json();
      assert.deepEqual(page1.data.map((n: { title: string }) => n.title), ["Notice 5", "Notice 4"]);
      assert.equal(page1.unread, 5);
      const page2 = await (await get(`?limit=2&before=${page1.nextBefore}`)).json();
      assert.deepEqual(page2.data.map((n: { title: string }) => n.title), ["Notice 3", "Notice 2"]);
      const page3 = await (await get(`?limit=2&before=${page2.nextBefore}`)).json();
      assert.equal(page3.data.length, 1);
      assert.equal(page3.nextBefore, null);

      const read = (id: string, headers = ada.headers) =>
        t.app.request(`/api/me/notifications/${id}/read`, json("POST", undefined, headers));
      const theirs = await read(evesOwn.inApp!.id);
      assert.equal(theirs.status, 404, "someone else's notification does not exist for me");
      assert.equal((await (await get("", eve.headers)).json()).unread, 1);
      const one = await (await read(ids[0])).json();
      assert.ok(one.readAt);
      assert.equal(one.unread, 4);
      t.clock.advance(60_000);
      assert.equal((await (await read(ids[0])).json()).readAt, one.readAt, "the first read stays");

      const readAll = (body?: string) =>
        t.app.request("/api/me/notifications/read-all", {
          method: "POST",
          headers: { ...ada.headers, "Content-Type": "application/json" },
          body,
        });
      for (const bad of ['{"upTo": ', '{"upTo": -1}', '{"upTo": "x"}', '{"all": true}', "[]"]) {
        const res = await readAll(bad);
        assert.equal(res.status, 400, bad);
        assert.equal(res.headers.get("content-type"), "application/problem+json");
      }
      for (const bad of ["?limit=0", "?limit=101", "?before=x", "?before=0"]) {
        assert.equal((await get(bad)).status, 400, bad);
      }
      assert.equal((await read("not-an-id")).status, 400);
      assert.equal((await read(crypto.randomUUID())).status, 404);
      assert.equal((await (await get()).json()).unread, 4, "bad input changed nothing");

      const upTo = page1.data[1].seq; // Notice 4: Notice 5 arrived after the client looked
      assert.deepEqual(await (await readAll(JSON.stringify({ upTo }))).json(), {
        updated: 3,
        unread: 1,
      });
      assert.deepEqual(await (await readAll()).json(), { updated: 1, unread: 0 });
      assert.equal((await (await get("", eve.headers)).json()).unread, 1, "Eve's untouched");
      assert.equal((await t.app.request("/api/me/notifications")).status, 401);
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "preferences: email per kind is respected; operational kinds cannot be turned off (422)",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { headers } = await s.signUp("ada@example.test");
      const put = (body: unknown) =>
        s.app.request("/api/me/notification-preferences", json("PUT", body, headers));
      const current = async () =>
        (await (await s.app.request("/api/me/notification-preferences", { headers })).json())
          .preferences;
      const defaults = await current();
      assert.deepEqual(defaults.booking_confirmed, {
        inApp: true,
        email: true,
        push: true,
        locked: false,
      });
      assert.equal(defaults.flight_delayed.locked, true);

      const locked = await put({
        preferences: { booking_confirmed: { email: false }, flight_delayed: { email: false } },
      });
      assert.equal(locked.status, 422);
      const problem = await locked.json();
      assert.equal(problem.code, "preference_locked");
      assert.deepEqual(problem.errors.map((e: { path: string }) => e.path), [
        "preferences.flight_delayed.email",
      ]);
      for (
        const bad of [
          {},
          { preferences: { no_such_kind: { email: false } } },
          { preferences: { booking_confirmed: { sms: true } } },
          { preferences: { booking_confirmed: { email: "no" } } },
          { preferences: { booking_confirmed: { email: false } }, extra: 1 },
        ]
      ) {
        const res = await put(bad);
        assert.equal(res.status, 400, JSON.stringify(bad));
        assert.equal(res.headers.get("content-type"), "application/problem+json");
      }
      assert.deepEqual(await current(), defaults, "refused changes changed nothing");

      const ok = await put({
        preferences: { booking_confirmed: { email: false }, flight_delayed: { email: true } },
      });
      assert.equal(ok.status, 200);
      assert.deepEqual((await ok.json()).preferences.booking_confirmed, {
        inApp: true,
        email: false,
        push: true,
        locked: false,
      });
      await put({ preferences: { booking_confirmed: { push: false } } });
      assert.deepEqual((await current()).booking_confirmed.email, false, "a partial change merges");

      const booking = await s.book(headers);
      assert.equal((await s.pay(headers, booking.id)).status, 200);
      assert.equal((await s.inApp(headers)).data[0].kind, "booking_confirmed", "in-app always");
      await notifyFlightStatusChange(s.deps.notifier, s.flightId, { status: "delayed" });
      const queued = await db.sql`SELECT template FROM email_outbox ORDER BY created_at`;
      assert.deepEqual(queued.map((r) => r.template), ["flight_delayed"]);
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "privacy: the export has preferences, push subscriptions and emails; erasure removes them",
  async (db) => {
    const s = await notifyFixture(db);
    try {
      const { user, headers } = await s.signUp("ada@example.test");
      await s.app.request(
        "/api/me/notification-preferences",
        json("PUT", { preferences: { hold_expiring: { email: false } } }, headers),
      );
      await db.sql`
        INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth)
        VALUES (${user.id}, 'https://push.example.com/ada', 'k', 'a')`;
      const booking = await s.book(headers);
      assert.equal((await s.pay(headers, booking.id)).status, 200);
      await s.sendEmails();
      const data = await (await s.app.request("/api/me/export", { headers })).json();
      assert.deepEqual(
        data.notificationPreferences.map((p: { kind: string; email: boolean }) => [
          p.kind,
          p.email,
        ]),
        [["hold_expiring", false]],
      );
      assert.equal(data.pushSubscriptions[0].endpoint, "https://push.example.com/ada");
      assert.equal(data.emails[0].template, "booking_confirmed");
      assert.equal(data.emails[0].recipient, "ada@example.test");
      assert.deepEqual(data.emails[0].attachments, [`contrail-${booking.pnr}.ics`]);

      assert.equal((await s.app.request("/api/me", { method: "DELETE", headers })).status, 204);
      for (
        const table of [
          "notification_preferences",
          "push_subscriptions",
          "email_outbox",
          "dev_mailbox",
          "notifications",
        ]
      ) {
        const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM ${db.sql(table)}`;
        assert.equal(n, 0, table);
      }
      await notifyFlightStatusChange(s.deps.notifier, s.flightId, { status: "cancelled" });
      const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM notifications`;
      assert.equal(n, 0, "an erased user is told nothing more");
    } finally {
      await s.close();
    }
  },
  { seededDays: 1 },
);
