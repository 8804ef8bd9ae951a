import assert from "node:assert/strict";
import { BACKENDS, testOnEachBackend, withDatabase } from "../support/db.ts";
import {
  getNotificationHead,
  insertNotification,
  listNotificationsAfter,
} from "../../db/notifications_repo.ts";

testOnEachBackend(
  "concurrent notifications for one user land once each, in seq order, with the head at the newest",
  async (db) => {
    const kv = await Deno.openKv(":memory:");
    try {
      const [user] = await db.sql`
      INSERT INTO users (email, name, role) VALUES ('n@example.test', 'N', 'passenger') RETURNING id`;
      const send = (i: number) =>
        insertNotification(db.sql, kv, {
          userId: user.id,
          kind: "test",
          title: `t${i}`,
          body: "b",
          dedupeKey: `k${i % 10}`, // every key twice: the second of each is refused
        });
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i)));
      assert.equal(results.filter(Boolean).length, 10);
      const rows = await listNotificationsAfter(db.sql, user.id, 0);
      assert.equal(rows.length, 10);
      const seqs = rows.map((r) => r.seq);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
      assert.equal(await getNotificationHead(kv, user.id), seqs.at(-1));
      assert.deepEqual(await listNotificationsAfter(db.sql, user.id, seqs[4]), rows.slice(5));
    } finally {
      kv.close();
    }
  },
);

for (const { backend, ignore } of BACKENDS) {
  // Two transactions at once need a server (one PGlite session runs everything in turn).
  if (backend !== "postgres") continue;
  Deno.test({
    name: "a notification's seq is drawn under its user's row lock, so seqs commit in order",
    ignore,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: () =>
      withDatabase(backend, async (db) => {
        const kv = await Deno.openKv(":memory:");
        try {
          const users = await db.sql`
            INSERT INTO users (email, name, role)
            VALUES ('a@example.test', 'A', 'passenger'), ('b@example.test', 'B', 'passenger')
            RETURNING id`;
          const note = (userId: string, key: string) =>
            insertNotification(db.sql, kv, {
              userId,
              kind: "test",
              title: key,
              body: "b",
              dedupeKey: key,
            });
          // Another writer of A's notifications holds A's row.
          let release = () => {};
          const released = new Promise<void>((r) => release = r);
          let locked = () => {};
          const isLocked = new Promise<void>((r) => locked = r);
          const holder = db.sql.begin(async (tx) => {
            await tx`SELECT 1 FROM users WHERE id = ${users[0].id} FOR UPDATE`;
            locked();
            await released;
          });
          await isLocked;
          let done = false;
          const first = note(users[0].id, "a1").then((n) => (done = true, n));
          await new Promise((r) => setTimeout(r, 300));
          assert.equal(done, false, "A's notification went in while A's row was locked");
          // B is not held up, and draws its seq now.
          const second = await note(users[1].id, "b1");
          release();
          await holder;
          const a = await first;
          assert.ok(a!.seq > second!.seq, "A's seq was drawn before it got the lock");
        } finally {
          kv.close();
        }
      }),
  });
}
