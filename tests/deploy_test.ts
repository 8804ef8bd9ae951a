import assert from "node:assert/strict";
import { BACKENDS, withServerDatabase } from "./support/db.ts";
import { ROOT, startServer } from "./support/server.ts";
import { json } from "./support/http.ts";
import { openDatabase } from "../db/postgres.ts";
import { migrate } from "../db/migrate.ts";
import { seedTestSchedule } from "./support/seed.ts";
import { CONFIG_VARIABLES } from "../platform/config.ts";

const SECRET = "deploy-secret-that-is-long-enough-1234";
const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(9)));
const server = BACKENDS.find((b) => b.backend === "postgres")!;

/**
 * What Deno Deploy gives the process, and what it does not: the platform's variables, a
 * Postgres URL, no OTEL_ or DENO_ variables of our own, and no file writes or child
 * processes (denied outright, so any attempt fails the run).
 */
const DEPLOY_FLAGS = [
  "--allow-net",
  "--allow-read=.",
  "--allow-env",
  "--deny-write",
  "--deny-run",
  "--deny-ffi",
  // Deno.openKv() without a path: on Deploy the app's KV database; here a KV file that
  // Deno keeps for this origin in its own cache directory (not under the project).
  "--location=http://contrail-deploy-rehearsal.localhost/",
];

Deno.test({
  name:
    "deploy: main.ts runs as on Deno Deploy (no file writes, no child processes, platform KV, DATABASE_URL): books, pays, drains on SIGINT",
  ignore: server.ignore,
  sanitizeResources: false,
  fn: () =>
    withServerDatabase(async (databaseUrl) => {
      // Deploy runs migrations in the pre-deploy step, before the revision serves traffic.
      const db = await openDatabase({ databaseUrl, maxConnections: 2 });
      await migrate(db.sql);
      await seedTestSchedule(db.sql);
      const [flight] = await db.sql`
        SELECT id FROM flights WHERE aircraft_type = 'A20N' ORDER BY departure_at LIMIT 1`;
      const app = await startServer(DEPLOY_FLAGS, {
        DENO_DEPLOY: "true",
        DENO_TIMELINE: "production",
        DATABASE_URL: databaseUrl,
        JWT_SECRET: SECRET,
        PAYMENT_TOKEN_KEY: KEY,
        PORT: "0",
        HOST: "127.0.0.1",
      });
      try {
        assert.equal((await fetch(`${app.url}ready`)).status, 200);
        const reg = await fetch(
          `${app.url}api/auth/register`,
          json("POST", {
            email: "ada@example.test",
            password: "correct horse battery",
            name: "Ada",
          }),
        );
        assert.equal(reg.status, 201, await reg.clone().text());
        const auth = { Authorization: `Bearer ${(await reg.json()).accessToken}` };
        const hold = await fetch(
          `${app.url}api/bookings`,
          json("POST", {
            flightId: flight.id,
            cabin: "Y",
            passengers: [{ firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1985-12-10" }],
          }, auth),
        );
        assert.equal(hold.status, 201, await hold.clone().text());
        const { id } = await hold.json();
        const paid = await fetch(
          `${app.url}api/bookings/${id}/pay`,
          json("POST", {
            card: {
              number: "4242 4242 4242 4242",
              expMonth: 12,
              expYear: 2031,
              cvc: "123",
              name: "Ada Lovelace",
            },
          }, { ...auth, "Idempotency-Key": crypto.randomUUID() }),
        );
        assert.equal(paid.status, 200, await paid.clone().text());
        assert.equal((await paid.json()).booking.status, "confirmed");
        const page = await fetch(`${app.url}flights/${flight.id}`);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /data-island="SeatMap"/);
        const [row] = await db.sql`SELECT status FROM bookings WHERE id = ${id}`;
        assert.equal(row.status, "confirmed");
      } finally {
        // Deploy stops an instance with SIGINT and kills it 5 s later.
        const started = performance.now();
        const status = await app.stop("SIGINT");
        const drained = performance.now() - started;
        await db.close();
        assert.equal(status.code, 0, app.lines.join("\n"));
        assert.ok(drained < 5_000, `drained in ${Math.round(drained)} ms`);
      }
      const logs = app.lines.join("\n");
      assert.doesNotMatch(logs, /NotCapable|PermissionDenied|Requires (write|run) access/);
      assert.doesNotMatch(logs, /"level":"error"/);
    }),
});

Deno.test("deploy: the deno.json deploy block builds the islands, migrates first and runs main.ts", async () => {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  const { deploy, tasks } = config;
  assert.equal(deploy.runtime.type, "dynamic");
  assert.ok((await Deno.stat(`${ROOT}${deploy.runtime.entrypoint}`)).isFile);
  for (const step of [deploy.build, deploy.predeploy]) {
    const task = /^deno task (\S+)$/.exec(step)?.[1];
    assert.ok(task && tasks[task], `${step} names a task`);
  }
  assert.match(tasks.deploy, /^deno deploy\b/);
});

Deno.test("deploy: the Dockerfile pins CI's Deno, builds the islands and runs `deno task serve`; compose and the env reference know every variable", async () => {
  const ci = await Deno.readTextFile(`${ROOT}.ci/run`);
  const pinned = /DENO_VERSION="([\d.]+)"/.exec(ci)![1];
  const docker = await Deno.readTextFile(`${ROOT}deploy/Dockerfile`);
  assert.match(
    docker,
    new RegExp(`^FROM denoland/deno:(debian-)?${pinned.replaceAll(".", "\\.")}`, "m"),
  );
  assert.match(docker, /^RUN deno task build\b/m);
  assert.match(docker, /^CMD \["deno", "task", "serve"\]$/m);
  assert.doesNotMatch(docker, /--allow-all|\s-A\s/);
  const compose = await Deno.readTextFile(`${ROOT}deploy/compose.yaml`);
  const service = compose.slice(compose.indexOf("\n  contrail:"), compose.indexOf("\n    ports:"));
  const used = [...service.matchAll(/^ {6}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
  assert.ok(used.length > 3);
  for (const name of used) assert.ok(CONFIG_VARIABLES.includes(name as never), `${name} unknown`);
  const reference = await Deno.readTextFile(`${ROOT}deploy/README.md`);
  for (const name of CONFIG_VARIABLES) {
    assert.match(reference, new RegExp("`" + name + "`"), `${name} missing from deploy/README.md`);
  }
});
