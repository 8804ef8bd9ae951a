/**
 * SSE fan-out against a real Contrail server process (PostgreSQL server needed): N lean
 * raw-TCP clients on ONE flight's seat stream (N = 1,000, then 10,000), then a series of
 * seat holds through the API. Prints the delay from commit to receipt at each client (the
 * event's `at`, stamped by the actor just before its KV commit, to the moment the client read
 * the frame; both clocks are this machine's) and the server's RSS per connection.
 * Run: deno task bench (or deno run -A bench/sse_fanout.ts [clients...]).
 */
import {
  benchPassengers,
  cpuSeconds,
  oneSeatBooking,
  openBenchDatabase,
  startBenchServer,
} from "./bench_db.ts";
import { seedDemoData } from "../db/seed.ts";

const STEPS = Deno.args.length ? Deno.args.map(Number) : [1_000, 10_000];
const HOLDS = 20;
// Two rates per size: 2 changes/s, and 10 changes/s on one flight (a rush).
const HOLD_GAPS_MS = [500, 100];

const bench = await openBenchDatabase("contrail_bench_sse", 2);
if (!bench) {
  console.log("sse_fanout: no PostgreSQL server reachable; skipped.");
  Deno.exit(0);
}
const { db, url } = bench;
const startDate = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
await seedDemoData(db.sql, {
  startDate,
  days: 1,
  demoPassword: "x",
  hashPassword: (p) => Promise.resolve(p),
});
const [flight] = await db.sql`
  SELECT f.id, t.seat_count FROM flights f JOIN aircraft_configurations t ON t.type_code = f.aircraft_type AND t.code = f.aircraft_config
  WHERE f.aircraft_type = 'A20N' ORDER BY f.departure_at LIMIT 1`;
const tokens = await benchPassengers(db, "sse", HOLDS);
const server = await startBenchServer(url, { SSE_MAX_STREAMS_PER_IP: "20000" });
const port = Number(new URL(server.url).port);
const pid = server.child.pid;

/** The server's resident set size in KiB, from /proc. */
async function rssKiB(): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

const REQUEST = new TextEncoder().encode(
  `GET /api/flights/${flight.id}/seats/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    `Accept: text/event-stream\r\n\r\n`,
);
const FRAME = /event: seats\ndata: \{"seq":(\d+),"at":(\d+)/g;

/** One lean client: a socket, a small buffer, and the delays of the seat frames it read. */
class Client {
  conn!: Deno.TcpConn;
  snapshot = Promise.withResolvers<void>();
  delays: number[] = [];
  #tail = "";
  #gotSnapshot = false;

  async open() {
    this.conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await this.conn.write(REQUEST);
    this.#loop();
    await this.snapshot.promise;
  }

  async #loop() {
    const buf = new Uint8Array(4096);
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const n = await this.conn.read(buf);
        if (n === null) break;
        const now = performance.timeOrigin + performance.now();
        const text = this.#tail + decoder.decode(buf.subarray(0, n), { stream: true });
        if (!this.#gotSnapshot && text.includes("event: snapshot")) {
          this.#gotSnapshot = true;
          this.snapshot.resolve();
        }
        let last = 0;
        for (const m of text.matchAll(FRAME)) {
          this.delays.push(now - Number(m[2]));
          last = m.index! + m[0].length;
        }
        // A frame split across reads is matched on the next one.
        this.#tail = text.slice(Math.max(last, text.length - 64));
      }
    } catch { /* closed by the bench */ }
    this.snapshot.reject(new Error("stream ended before its snapshot"));
  }

  close() {
    try {
      this.conn.close();
    } catch { /* already closed */ }
  }
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const rows: string[] = [];
const cpu: string[] = [];
const clients: Client[] = [];
let held = 0;

try {
  await fetch(`${server.url}api/flights/${flight.id}/seats`).then((r) => r.arrayBuffer());
  const baseline = await rssKiB();
  for (const target of STEPS) {
    const t0 = performance.now();
    while (clients.length < target) {
      const batch = Array.from(
        { length: Math.min(200, target - clients.length) },
        () => new Client(),
      );
      await Promise.all(batch.map((c) => c.open()));
      clients.push(...batch);
    }
    const connectS = (performance.now() - t0) / 1000;
    // Idle for a moment so buffers drain and the heap settles before reading RSS.
    await new Promise((r) => setTimeout(r, 2000));
    const rss = await rssKiB();
    for (const gap of HOLD_GAPS_MS) {
      for (const c of clients) c.delays = [];
      const [serverCpu0, clientCpu0, events0] = [
        await cpuSeconds(pid),
        await cpuSeconds("self"),
        performance.now(),
      ];
      for (let i = 0; i < HOLDS; i++) {
        const res = await fetch(`${server.url}api/bookings`, {
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            Authorization: `Bearer ${tokens[i % tokens.length]}`,
          },
          body: oneSeatBooking(flight.id, "Fanout"),
        });
        if (res.status !== 201) throw new Error(`hold ${i}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        held++;
        await new Promise((r) => setTimeout(r, gap));
      }
      // Wait (bounded) for every client to have every event.
      for (let i = 0; i < 300 && clients.some((c) => c.delays.length < HOLDS); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const eventsS = (performance.now() - events0) / 1000;
      const serverCpu = (await cpuSeconds(pid)) - serverCpu0;
      const clientCpu = (await cpuSeconds("self")) - clientCpu0;
      cpu.push(
        `${fmt(target)} clients, a change every ${gap} ms: server ${
          (serverCpu / eventsS * 100).toFixed(0)
        }% of a core, ` +
          `bench clients ${(clientCpu / eventsS * 100).toFixed(0)}% over ${eventsS.toFixed(1)} s ` +
          `(${(serverCpu / HOLDS * 1000).toFixed(0)} ms server CPU per event)`,
      );
      const delays = clients.flatMap((c) => c.delays).sort((a, b) => a - b);
      const missing = clients.length * HOLDS - delays.length;
      rows.push(
        `| ${fmt(target)} | ${connectS.toFixed(1)} | ${HOLDS} every ${gap} ms | ${
          fmt(delays.length)
        } | ${missing} | ${pct(delays, 0.5).toFixed(1)} | ${pct(delays, 0.99).toFixed(1)} | ${
          delays[delays.length - 1].toFixed(1)
        } | ${fmt(rss / 1024)} | ${((rss - baseline) / target).toFixed(1)} |`,
      );
    }
  }
} finally {
  for (const c of clients) c.close();
  const crash = server.lines.find((l) => l.includes("unhandled error") || l.includes('"error"'));
  if (crash) console.log(`server error: ${crash.slice(0, 1500)}`);
  await server.stop();
  await bench.drop();
}

console.log(
  `\nSSE fan-out: one flight's seat stream (${flight.seat_count} seats), ${held} holds through ` +
    `the API; server and clients share this machine\n`,
);
console.log(
  "| clients | connect s | holds | frames received | missing | p50 ms | p99 ms | max ms | server RSS MiB | KiB per connection |",
);
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) console.log(r);
console.log("");
for (const line of cpu) console.log(line);
