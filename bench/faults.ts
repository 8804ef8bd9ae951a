/**
 * Fault suite: a real Contrail server process (the `start` task's permissions, PostgreSQL
 * server, KV in a SQLite file) under booking and payment traffic is SIGKILLed every 2-5 s and
 * restarted on the same database and KV file, ten times, then started cleanly once more.
 * Afterwards: every booking a client saw confirmed is confirmed with its tickets, no seat is
 * sold twice, KV agrees with Postgres, no hold outlives its expiry by more than 5 s. Holds last
 * HOLD_TTL_SECONDS=30 (the shortest allowed), so the run waits that long after the last kill;
 * then it waits for the once-a-minute payment sweep to settle every approved charge (confirmed
 * or refunded). About 2-3 minutes. Run: deno task faults [--kills 10] [--clients 8]. Exits 1
 * when an invariant is broken.
 */
import { parseArgs } from "node:util";
import type { Sql } from "../db/postgres.ts";
import { BENCH_SERVER, benchPassengers, openBenchDatabase, startBenchServer } from "./bench_db.ts";
import {
  checkAcknowledged,
  checkChargesSettled,
  checkKvAgrees,
  checkNoStuckHolds,
  type CheckResult,
  checkSeatsSoldOnce,
  printChecks,
  touchedFlights,
} from "./suite_checks.ts";
import {
  pick,
  seedSuiteSchedule,
  suiteDataDir,
  suiteParty,
  TEST_CARD_PAYMENT,
} from "./suite_fixture.ts";

/** Options for runFaults. */
export interface FaultsOptions {
  kills: number;
  /** Uptime before each kill is drawn from [minUpMs, maxUpMs]. */
  minUpMs: number;
  maxUpMs: number;
  /** Concurrent booking clients. */
  clients: number;
  users: number;
  holdTtlSeconds: number;
  /** A client's pause between bookings. */
  thinkMs: number;
  /** Wait for the once-a-minute payment sweep and check every charge ended (up to ~90 s). */
  settleCharges?: boolean;
  database?: string;
  server?: string;
}

/** What a fault run saw and checked. */
export interface FaultsReport {
  kills: number;
  seconds: number;
  /** Server start-up times (migrations, catch-up) in ms, clean start included. */
  startupMs: number[];
  requests: number;
  /** Requests that died with the process or found it gone: outcome unknown to the client. */
  unanswered: number;
  /** Answers by route, status and problem code, e.g. "pay 409 hold_expired". */
  answers: Map<string, number>;
  holds: number;
  confirmed: number;
  /** Payments whose answer was lost and were sent again with the same Idempotency-Key. */
  retried: number;
  /** Seconds from expiry to release for holds that expired (Postgres), p50 / max. */
  releaseLag: { p50: number; max: number; holds: number };
  /** Charges without an answer once the holds ran out: claimed only, or charged. */
  halfDone: { pending: number; charged: number };
  checks: CheckResult[];
}

interface Payment {
  id: string;
  token: string;
  key: string;
  retried?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Booking clients against whatever server is up: hold, usually pay, record what was promised. */
function bookingClients(p: { tokens: string[]; pool: string[]; active: number; thinkMs: number }) {
  const live = { url: undefined as string | undefined, running: true };
  const active = p.pool.splice(0, p.active);
  const acked = new Set<string>();
  const unknown: Payment[] = [];
  const answers = new Map<string, number>();
  const counts = { requests: 0, unanswered: 0, holds: 0, retried: 0 };

  const call = async (route: string, path: string, token: string, body: string, key: string) => {
    const url = live.url;
    if (!url) return undefined;
    counts.requests++;
    try {
      const res = await fetch(new URL(path, url), {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${token}`,
          "Idempotency-Key": key,
        },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const json = await res.json().catch(() => ({}));
      const answer = `${route} ${res.status}${res.ok ? "" : ` ${json.code}`}`;
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
      return { status: res.status, json };
    } catch {
      counts.unanswered++;
      return undefined;
    }
  };
  const pay = async (payment: Payment) => {
    const path = `/api/bookings/${payment.id}/pay`;
    const res = await call("pay", path, payment.token, TEST_CARD_PAYMENT, payment.key);
    if (res?.status === 200 && res.json.booking?.status === "confirmed") acked.add(payment.id);
    // Lost with the process: ask once more, same key, once a server is up again.
    if (!res && !payment.retried) unknown.push({ ...payment, retried: true });
  };
  const book = async () => {
    const token = pick(p.tokens);
    const flightId = pick(active);
    const body = JSON.stringify({ flightId, cabin: "Y", passengers: suiteParty() });
    const res = await call("hold", "/api/bookings", token, body, crypto.randomUUID());
    if (res?.status === 409 && res.json.code === "not_enough_seats" && p.pool.length) {
      const at = active.indexOf(flightId);
      if (at >= 0) active[at] = p.pool.shift()!;
    }
    if (res?.status !== 201) return;
    counts.holds++;
    // One hold in five is left to expire.
    if (Math.random() < 0.8) await pay({ id: res.json.id, token, key: crypto.randomUUID() });
  };
  const client = async () => {
    while (live.running) {
      if (!live.url) {
        await sleep(20);
        continue;
      }
      const retry = unknown.shift();
      if (retry) counts.retried++;
      await (retry ? pay(retry) : book());
      await sleep(p.thinkMs);
    }
  };
  return { live, acked, unknown, answers, counts, client, pay };
}

/** Seconds from expiry to release of expired bookings, as Postgres recorded them. */
async function releaseLag(sql: Sql) {
  const [row] = await sql`
    SELECT count(*)::int AS holds,
      coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY lag), 0)::float AS p50,
      coalesce(max(lag), 0)::float AS max
    FROM (SELECT extract(epoch FROM cancelled_at - expires_at) AS lag FROM bookings
          WHERE status = 'expired') x`;
  return { holds: row.holds, p50: row.p50, max: row.max };
}

/** Charges a crash left without an answer (the recovery sweep finishes charged ones). */
async function halfDonePayments(sql: Sql) {
  const [row] = await sql`
    SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
      count(*) FILTER (WHERE status = 'succeeded')::int AS charged
    FROM payments WHERE kind = 'charge' AND response IS NULL`;
  return { pending: row.pending, charged: row.charged };
}

/**
 * Seeds a fresh database, runs the kill-and-restart rounds under traffic, starts cleanly,
 * waits out the holds and checks the invariants; undefined when no PostgreSQL server answers.
 */
export async function runFaults(o: FaultsOptions): Promise<FaultsReport | undefined> {
  const bench = await openBenchDatabase(o.database ?? "contrail_faults", 2, o.server);
  if (!bench) return undefined;
  const started = performance.now();
  const dataDir = suiteDataDir("faults");
  const env = { DATA_DIR: dataDir, HOLD_TTL_SECONDS: String(o.holdTtlSeconds) };
  const startupMs: number[] = [];
  const start = async () => {
    const t0 = performance.now();
    const server = await startBenchServer(bench.url, env);
    startupMs.push(performance.now() - t0);
    return server;
  };
  let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
  try {
    const { flights: pool } = await seedSuiteSchedule(bench.db.sql, 2);
    const tokens = await benchPassengers(bench.db, "faults", o.users);
    const traffic = bookingClients({ tokens, pool, active: 3, thinkMs: o.thinkMs });
    const clients: Promise<void>[] = [];
    for (let k = 0; k < o.kills; k++) {
      server = await start();
      traffic.live.url = server.url;
      if (k === 0) { for (let c = 0; c < o.clients; c++) clients.push(traffic.client()); }
      await sleep(o.minUpMs + Math.random() * (o.maxUpMs - o.minUpMs));
      server.child.kill("SIGKILL");
      traffic.live.url = undefined;
      await server.child.status;
    }
    traffic.live.running = false;
    await Promise.all(clients);
    // No hold can be newer than the last kill: all are due by then + TTL.
    const allDue = Date.now() + o.holdTtlSeconds * 1000;
    server = await start();
    traffic.live.url = server.url;
    const retried = traffic.unknown.splice(0);
    traffic.counts.retried += retried.length;
    await Promise.all(retried.map(traffic.pay));
    await sleep(Math.max(0, allDue + 5_500 - Date.now()));
    const halfDone = await halfDonePayments(bench.db.sql);

    const kv = await Deno.openKv(`${dataDir}/kv.sqlite3`);
    const checks: CheckResult[] = [];
    try {
      const flights = await touchedFlights(bench.db.sql);
      checks.push(await checkNoStuckHolds(kv, bench.db.sql, flights));
      checks.push(await checkAcknowledged(bench.db.sql, [...traffic.acked]));
      checks.push(await checkSeatsSoldOnce(bench.db.sql));
      checks.push(...await checkKvAgrees(kv, bench.db.sql, flights));
      if (o.settleCharges) checks.push(await checkChargesSettled(bench.db.sql));
    } finally {
      kv.close();
    }
    return {
      kills: o.kills,
      seconds: (performance.now() - started) / 1000,
      startupMs,
      ...traffic.counts,
      answers: traffic.answers,
      confirmed: traffic.acked.size,
      releaseLag: await releaseLag(bench.db.sql),
      halfDone,
      checks,
    };
  } finally {
    if (server) await server.stop().catch(() => {});
    await bench.drop();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

/** Prints the run and its invariants; true when all hold. */
export function printFaults(r: FaultsReport): boolean {
  const ms = [...r.startupMs].sort((a, b) => a - b);
  console.log(
    `\nFaults: ${r.kills} SIGKILLs under booking and payment traffic, then a clean start ` +
      `(${r.seconds.toFixed(0)} s in all; server start-up ${ms[0].toFixed(0)}–${
        ms[ms.length - 1].toFixed(0)
      } ms)\n`,
  );
  console.log(
    `${r.requests} requests, ${r.unanswered} unanswered (died with the process or found it ` +
      `gone); ${r.holds} holds, ${r.confirmed} confirmations acknowledged, ${r.retried} ` +
      `payments re-sent with their Idempotency-Key after losing the answer`,
  );
  console.log(`answers: ${[...r.answers].sort().map(([a, n]) => `${n}× ${a}`).join(", ")}`);
  console.log(
    `expired holds: ${r.releaseLag.holds}, released ${r.releaseLag.p50.toFixed(2)} s after ` +
      `expiry at p50, ${r.releaseLag.max.toFixed(2)} s at most (Postgres)`,
  );
  console.log(
    `charges without an answer after the holds ran out: ${r.halfDone.pending} claimed but ` +
      `never charged, ${r.halfDone.charged} charged (the once-a-minute sweep's work)\n`,
  );
  console.log("Invariants (Postgres and the server's KV file):");
  return printChecks(r.checks);
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      kills: { type: "string", default: "10" },
      clients: { type: "string", default: "8" },
    },
  });
  const report = await runFaults({
    kills: Number(values.kills),
    minUpMs: 2000,
    maxUpMs: 5000,
    clients: Number(values.clients),
    users: 200,
    holdTtlSeconds: 30,
    thinkMs: 20,
    settleCharges: true,
  });
  if (!report) {
    console.log(`faults: no PostgreSQL server at ${BENCH_SERVER}; skipped.`);
    Deno.exit(0);
  }
  const ok = printFaults(report);
  console.log(ok ? "\nall invariants held" : "\nINVARIANTS BROKEN");
  Deno.exit(ok ? 0 : 1);
}
