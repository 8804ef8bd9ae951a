import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { userNotificationHeadKey } from "../../db/kv_keys.ts";
import { insertNotification, listNotificationsAfter } from "../../db/notifications_repo.ts";

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
      assert.equal((await kv.get<number>(userNotificationHeadKey(user.id))).value, seqs.at(-1));
      assert.deepEqual(await listNotificationsAfter(db.sql, user.id, seqs[4]), rows.slice(5));
    } finally {
      kv.close();
    }
  },
);
