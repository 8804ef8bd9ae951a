import assert from "node:assert/strict";
import { openDatabase } from "../db/postgres.ts";
import { signAccessToken } from "../adapters/tokens.ts";
import { BACKENDS, withServerDatabase } from "./support/db.ts";
import { insertFlight } from "./support/inventory.ts";
import { ROOT, startServer, taskRunFlags } from "./support/server.ts";
import { SseReader } from "./support/sse.ts";

const SECRET = "test-secret-that-is-long-enough-123456";
const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
const METRICS_TOKEN = "metrics-token-0123456789-0123456789-abcd";
const postgres = BACKENDS.find((b) => b.backend === "postgres")!;

/** A letters-only surname per passenger number (names allow no digits). */
const surname = (i: number) => "P" + [...String(i)].map((d) => "abcdefghij"[+d]).join("");

/** Sums a counter's samples in Prometheus text. */
function total(metrics: string, name: string): number {
  return metrics.split("\n").filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
}

Deno.test({
  name: "isolates: two isolates serve one port, one flight's bookings stay exact, streams and " +
    "metrics span both, SIGTERM drains both",
  ignore: postgres.ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withServerDatabase(async (url) => {
      const db = await openDatabase({ databaseUrl: url, maxConnections: 2 });
      const dataDir = `./data/test-iso-${crypto.randomUUID().slice(0, 8)}`;
      const flightId = await insertFlight(db.sql);
      const users = await db.sql`
        INSERT INTO users (email, name, role)
        SELECT 'iso' || g || '@example.test', 'Iso ' || g, 'passenger'
        FROM generate_series(1, 80) g RETURNING id, email`;
      const tokens = await Promise.all(
        users.map((u) => signAccessToken({ sub: u.id, role: "passenger", email: u.email }, SECRET)),
      );
      const server = await startServer(await taskRunFlags("serve", { DATA_DIR: dataDir }), {
        APP_ENV: "production",
        JWT_SECRET: SECRET,
        PAYMENT_TOKEN_KEY: KEY,
        METRICS_TOKEN,
        PORT: "0",
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        ISOLATES: "2",
      });
      const streams: SseReader[] = [];
      try {
        assert.ok(server.lines.some((l) => /"msg":"listening".*"isolates":2/.test(l)));
        const book = (i: number) =>
          fetch(`${server.url}api/bookings`, {
            method: "POST",
            headers: {
              Authorization: `Bearer ${tokens[i]}`,
              "Content-Type": "application/json",
              "Idempotency-Key": `iso-${i}`,
            },
            body: JSON.stringify({
              flightId,
              cabin: "Y",
              passengers: [{ firstName: "Iso", lastName: surname(i) }],
            }),
          });
        // Seat streams on fresh connections: the kernel spreads them over both isolates.
        for (let i = 0; i < 6; i++) {
          const s = new SseReader(await fetch(`${server.url}api/flights/${flightId}/seats/stream`));
          await s.expect("snapshot");
          streams.push(s);
        }
        const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => book(i)));
        const bookings = await Promise.all(answers.map((r) => r.json()));
        assert.deepEqual(answers.map((r) => r.status), Array(60).fill(201));
        const seats = bookings.flatMap((b) => b.seats as string[]);
        assert.equal(new Set(seats).size, 60, "a seat was sold twice");
        // Every stream, on whichever isolate, saw each hold committed by the flight's owner.
        for (const s of streams) {
          const held = new Set<string>();
          while (held.size < 60) {
            const { data } = await s.expect<{ seats: { id: string }[] }>("seats");
            for (const seat of data.seats) held.add(seat.id);
          }
          assert.deepEqual([...held].sort(), [...seats].sort());
        }
        const served = new Set(server.lines.flatMap((l) => {
          const m = /"msg":"request"(,"isolate":(\d))?/.exec(l);
          return m ? [m[2] ?? "0"] : [];
        }));
        assert.deepEqual([...served].sort(), ["0", "1"], "both isolates answered requests");
        // One scrape answers for the process: both isolates' requests, summed.
        const metrics = await (await fetch(`${server.url}metrics`, {
          headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
        })).text();
        assert.ok(total(metrics, "contrail_http_requests_total") >= 66, metrics.slice(0, 500));
        assert.equal(total(metrics, "contrail_holds_total"), 60);
      } finally {
        await Promise.all(streams.map((s) => s.close()));
        const status = await server.stop("SIGTERM");
        await db.close();
        await Deno.remove(`${ROOT}${dataDir.slice(2)}`, { recursive: true }).catch(() => {});
        assert.equal(status.code, 0, server.lines.slice(-20).join("\n"));
        assert.ok(server.lines.some((l) => l.includes('"msg":"stopped"')));
        assert.ok(!server.lines.some((l) => /"level":"error"/.test(l)), "no error logged");
      }
    }),
});
