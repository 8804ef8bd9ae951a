import assert from "node:assert/strict";
import { openDatabase } from "../../db/postgres.ts";
import { migrate } from "../../db/migrate.ts";
import { BACKENDS, withDatabase } from "../support/db.ts";

async function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  try {
    (await Deno.connect({ hostname, port: Number(port) })).close();
    return false;
  } catch {
    return true;
  }
}

Deno.test({
  name:
    "postgres: embedded PGlite creates its data dir, keeps data across restarts, frees its port",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const dataDir = `${dir}/pg`;
    try {
      const first = await openDatabase({ dataDir, maxConnections: 3 });
      assert.equal(first.kind, "embedded");
      assert.match(first.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      await migrate(first.sql);
      await first.sql`INSERT INTO airports (iata, name, city, country, latitude, longitude, tz)
        VALUES ('ZZZ', 'Test Field', 'Testville', 'Nowhere', 1, 2, 'UTC')`;
      // Several pool connections at once must not stall the single PGlite instance.
      const parallel = await Promise.all(
        Array.from({ length: 12 }, (_, i) => first.sql`SELECT ${i}::int AS i`),
      );
      assert.deepEqual(parallel.map((r) => r[0].i), [...Array(12).keys()]);
      await first.close();
      assert.equal(await refused(first.url), true, "socket still open after close");
      assert.ok((await Deno.stat(`${dataDir}/PG_VERSION`)).isFile);

      const second = await openDatabase({ dataDir });
      const [row] = await second.sql`SELECT name FROM airports WHERE iata = 'ZZZ'`;
      assert.equal(row.name, "Test Field");
      const again = await migrate(second.sql);
      assert.deepEqual(again.applied, []);
      await second.close();
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

for (const { backend, ignore } of BACKENDS) {
  Deno.test({
    name: `postgres: a transaction sees its own writes through its handle [${backend}]`,
    ignore,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: () =>
      withDatabase(backend, async (db) => {
        await db.sql`CREATE TABLE t (v int)`;
        await assert.rejects(() =>
          db.sql.begin(async (tx) => {
            await tx`INSERT INTO t VALUES (1)`;
            const [{ n }] = await tx`SELECT count(*)::int AS n FROM t`;
            assert.equal(n, 1);
            throw new Error("roll back");
          })
        );
        const [{ n }] = await db.sql`SELECT count(*)::int AS n FROM t`;
        assert.equal(n, 0);
      }, { migrated: false }),
  });
}
