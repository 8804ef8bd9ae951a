/**
 * API load against a real Contrail server process over loopback (PostgreSQL server needed):
 *  1. booking creation on ONE flight with 1,000 seats: 2,000 requests at concurrency 100;
 *  2. flight search with ~50,000 flights in Postgres: 2,000 requests at concurrency 20.
 * Prints requests/s, successes/s, p50/p99 and oversold seats. Run: deno task bench.
 */
import { seedDemoData } from "../db/seed.ts";
import { economyLayout } from "../tests/support/inventory.ts";
import { runLoad } from "./load_client.ts";
import {
  benchPassengers,
  cpuSeconds,
  oneSeatBooking,
  openBenchDatabase,
  startBenchServer,
} from "./bench_db.ts";

const bench = await openBenchDatabase("contrail_bench_api", 4);
if (!bench) {
  console.log("api_load: no PostgreSQL server reachable; skipped.");
  Deno.exit(0);
}
const { db, url } = bench;
const startDate = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const seeded = await seedDemoData(db.sql, {
  startDate,
  days: 100,
  demoPassword: "x",
  hashPassword: (p) => Promise.resolve(p),
});

const layout = economyLayout(100, "ABC|DEFG|HJK"); // 1,000 seats
await db
  .sql`INSERT INTO aircraft_types (code, name, manufacturer, cruise_kmh, range_km)
  VALUES ('BIG1K', 'Bench 1000', 'Bench', 900, 15000)`;
await db
  .sql`INSERT INTO aircraft_configurations (type_code, code, name, layout, seat_count, is_default)
  VALUES ('BIG1K', 'STD', 'Standard', ${db.sql.json(layout)}, 1000, true)`;
const departure = new Date(Date.now() + 20 * 86_400_000);
const [flight] = await db.sql`
  INSERT INTO flights (carrier, flight_number, origin, destination, departure_local, arrival_local,
    departure_at, arrival_at, aircraft_type, aircraft_config, base_fares)
  VALUES ('CT', '9999', 'LHR', 'JFK', ${departure.toISOString().slice(0, 19)},
    ${new Date(departure.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}, ${departure},
    ${new Date(departure.getTime() + 8 * 3600_000)}, 'BIG1K', 'STD',
    ${db.sql.json({ Y: 40000 })})
  RETURNING id`;
const tokens = await benchPassengers(db, "bench", 100);
const server = await startBenchServer(url);

/** Runs a scenario and adds the server's CPU time per request to its result. */
async function measured(run: () => ReturnType<typeof runLoad>) {
  const before = await cpuSeconds(server.child.pid);
  const result = await run();
  const cpu = await cpuSeconds(server.child.pid) - before;
  const total = [...result.statuses.values()].reduce((a, b) => a + b, 0);
  return { ...result, cpuMsPerRequest: (cpu * 1000) / total };
}
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
/** A distinct letters-only surname per request (base 26: 0 → "A", 27 → "BB"). */
const alpha = (i: number): string =>
  (i >= 26 ? alpha(Math.floor(i / 26) - 1) : "") + String.fromCharCode(65 + (i % 26));
const statusList = (m: Map<number, number>) => [...m].map(([s, n]) => `${n}×${s}`).join(", ");
const rows: string[] = [];
const seen = new Set<number>();
/** Prints the first body of each unexpected error status. */
const firstError = (_i: number, status: number, body: string) => {
  if (status >= 400 && status !== 409 && !seen.has(status)) {
    seen.add(status);
    console.log(`first ${status}: ${body.slice(0, 300)}`);
  }
};
try {
  // Warm the flight's actor and the connection pools.
  await fetch(`${server.url}api/flights/${flight.id}/seats`).then((r) => r.arrayBuffer());
  const bookings = await measured(() =>
    runLoad(server.url, {
      total: 2000,
      concurrency: 100,
      request: (i) => ({
        method: "POST",
        path: "/api/bookings",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${tokens[i % tokens.length]}`,
        },
        body: oneSeatBooking(flight.id, `Pax ${alpha(i)}`),
      }),
      onResponse: firstError,
    })
  );
  const held = bookings.statuses.get(201) ?? 0;
  const [check] = await db.sql`
    SELECT count(*)::int AS bookings, count(DISTINCT s)::int AS seats, count(s)::int AS seat_rows
    FROM booking_segments g, unnest(g.seats) s WHERE g.flight_id = ${flight.id}`;
  const oversold = Math.max(0, check.seat_rows - 1000) + (check.seat_rows - check.seats);
  rows.push(
    `| booking creation, 1 flight × 1,000 seats, 2,000 req @ 100 | ${fmt(bookings.rps)} | ${
      fmt(held / bookings.seconds)
    } bookings/s over the run, ${fmt(held / bookings.successSeconds)}/s while seats lasted (${
      statusList(bookings.statuses)
    }) | ${bookings.p50.toFixed(1)} | ${bookings.p99.toFixed(1)} | ${oversold} | ${
      bookings.cpuMsPerRequest.toFixed(2)
    } |`,
  );

  const date = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  const routes = [["LHR", "JFK"], ["FRA", "SIN"], ["ATL", "LAX"], ["CDG", "DXB"], ["HND", "SYD"]];
  await Promise.all(
    routes.map(([f, t]) =>
      fetch(`${server.url}api/flights/search?from=${f}&to=${t}&date=${date}`).then((r) =>
        r.arrayBuffer()
      )
    ),
  );
  const search = await measured(() =>
    runLoad(server.url, {
      total: 2000,
      concurrency: 20,
      successStatus: 200,
      request: (i) => {
        const [f, t] = routes[i % routes.length];
        return { method: "GET", path: `/api/flights/search?from=${f}&to=${t}&date=${date}` };
      },
      onResponse: firstError,
    })
  );
  rows.push(
    `| search, ${fmt(seeded.flights)} flights in Postgres, 2,000 req @ 20 | ${fmt(search.rps)} | ${
      fmt((search.statuses.get(200) ?? 0) / search.seconds)
    } ok/s | ${search.p50.toFixed(1)} | ${search.p99.toFixed(1)} | – | ${
      search.cpuMsPerRequest.toFixed(2)
    } |`,
  );
  // The server's own view: time inside the handler chain, from its access log.
  for (const path of ["/api/bookings", "/api/flights/search"]) {
    const ms = server.lines
      .map((l) => /"path":"([^"]+)","status":\d+,"ms":([\d.]+)/.exec(l))
      .filter((m): m is RegExpExecArray => !!m && m[1] === path)
      .map((m) => Number(m[2]))
      .sort((a, b) => a - b);
    if (ms.length) {
      console.log(
        `server-side ${path}: p50 ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms, p99 ${
          ms[Math.floor(ms.length * 0.99)].toFixed(1)
        } ms over ${ms.length} requests`,
      );
    }
  }
} finally {
  const crash = server.lines.find((l) => l.includes("unhandled error"));
  if (crash) console.log(`server error: ${crash.slice(0, 1500)}`);
  await server.stop();
  await bench.drop();
}

console.log("\nAPI load over loopback (server and load generator share this machine)\n");
console.log(
  "| scenario | requests/s | successes | p50 ms | p99 ms | oversold | server CPU ms/request |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) console.log(r);
