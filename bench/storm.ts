/**
 * One expiry storm against a real server process: holds made over HTTP, each by its own
 * account with an Idempotency-Key, then no traffic but a light search probe while they all
 * expire; resident memory sampled throughout. Optionally the server is SIGKILLed mid-storm
 * and restarted on the same KV file, to see a restart on a backlog drain it. Shared by
 * `deno task storm` (bench/expiry_storm.ts) and the CI storm test (tests/storm_test.ts).
 */
import type { Database } from "../db/postgres.ts";
import {
  benchDataDir,
  benchPassengers,
  type BenchServer,
  insertBenchFlights,
  lettersOf,
  startBenchServer,
} from "./bench_db.ts";
import { runLoad } from "./load_client.ts";
import { RssSampler } from "./proc_stats.ts";
import {
  type DrainState,
  drainState,
  errorLines,
  type SearchRoute,
  type Spread,
  spread,
  type StormOutcome,
  stormOutcome,
} from "./storm_data.ts";

/** What one storm does. */
export interface StormOptions {
  /** A migrated database the server will use, and its URL. */
  db: Database;
  url: string;
  holds: number;
  flights: number;
  seatsPerFlight: number;
  ttlSeconds: number;
  /** Concurrent clients making the holds. */
  concurrency: number;
  /** Routes the search probe varies over; none: no probe. */
  probeRoutes: SearchRoute[];
  probeConcurrency: number;
  /** Stop the server this many seconds after the first hold expired, then restart it. */
  killAtSeconds?: number;
  /** How to stop it then (default SIGKILL: a crash; SIGTERM: a graceful restart). */
  killSignal?: Deno.Signal;
  /** How long the killed server stays down (more holds fall due meanwhile). */
  downSeconds?: number;
  /** Give up waiting for the drain this long after the last hold's expiry. */
  drainTimeoutSeconds: number;
  /** A notice later than this after its hold's expiry counts as late. */
  lateAfterSeconds: number;
  /** More server env (APP_ENV, ISOLATES, ...). */
  env?: Record<string, string>;
  /** The project copy whose server runs (a baseline checkout); default this one. */
  cwd?: string;
  log?: (line: string) => void;
}

/** The search probe's latencies while the holds expired. */
export type ProbeFigures = Spread & { errors: number };

/** What a storm measured. */
export interface StormReport {
  holdsMade: number;
  holdStatuses: Record<string, number>;
  holdsPerSecond: number;
  rssStartMb: number;
  /** Peak resident memory before the first hold expired (the holds being made). */
  rssHoldsMb: number;
  /** Peak resident memory over the whole storm, restart included. */
  rssPeakMb: number;
  outcome: StormOutcome;
  /** Every hold expired and every notice stored before the timeout. */
  drained: boolean;
  /** Seconds from the first hold's expiry until the storm drained (or the wait gave up). */
  drainSeconds: number;
  search?: ProbeFigures;
  /** Error lines logged while the servers ran. */
  errors: string[];
  /** Error lines logged while a server shut down after SIGTERM (mid-storm, or at the end). */
  shutdownErrors: string[];
  /** Exits nobody asked for, each with its last lines. */
  crashes: string[];
  restart?: {
    killedAtSeconds: number;
    downSeconds: number;
    /** Where the holds stood when the restarted server came up. */
    backlog: DrainState;
    startupSeconds: number;
    rssPeakMb: number;
    /** Seconds from the restart until the storm drained. */
    drainSeconds: number;
  };
}

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A server process with its exit watched, so a crash is noticed and not stopped twice. */
class Watched {
  exited: Deno.CommandStatus | undefined;
  /** How many log lines there were when it was told to stop. */
  #stoppedAt: number | undefined;
  constructor(readonly server: BenchServer) {
    server.child.status.then((s) => this.exited = s);
  }
  async stop(signal: Deno.Signal): Promise<void> {
    if (this.exited) return;
    this.#stoppedAt = this.server.lines.length;
    await this.server.stop(signal).catch(() => this.server.child.status);
  }
  /** It exited before anyone stopped it. */
  get crashed(): boolean {
    return !!this.exited && this.#stoppedAt === undefined;
  }
  /** Error lines logged while it ran, and after it was told to stop. */
  errors(): { running: string[]; stopping: string[] } {
    const at = this.#stoppedAt ?? this.server.lines.length;
    return {
      running: errorLines(this.server.lines.slice(0, at)),
      stopping: errorLines(this.server.lines.slice(at)),
    };
  }
  describe(): string {
    const lines = this.server.lines;
    const fatal = lines.find((l) => /Fatal|out of memory|panicked|Uncaught/.test(l));
    const last = fatal ?? lines.slice(-2).join(" | ");
    return `exit code ${this.exited?.code}: ${last.slice(0, 400)}`;
  }
}

function startProbe(o: StormOptions, url: string, sampler: RssSampler) {
  const samples: { at: number; ms: number; ok: boolean }[] = [];
  const abort = new AbortController();
  const running = o.probeRoutes.length
    ? runLoad(url, {
      total: Infinity,
      concurrency: o.probeConcurrency,
      signal: abort.signal,
      successStatus: 200,
      request: (i) => {
        const r = o.probeRoutes[i % o.probeRoutes.length];
        return {
          method: "GET",
          path: `/api/flights/search?from=${r.from}&to=${r.to}&date=${r.date}`,
        };
      },
      onResponse: (_i, status, _body, ms) =>
        samples.push({ at: sampler.now(), ms, ok: status === 200 }),
    }).catch(() => undefined) // the server went away (a kill): the probe just ends
    : Promise.resolve(undefined);
  return {
    async stop(from: number, to: number): Promise<ProbeFigures | undefined> {
      abort.abort();
      await running;
      if (!o.probeRoutes.length) return undefined;
      const window = samples.filter((s) => s.at >= from && s.at <= to);
      return { ...spread(window.map((s) => s.ms)), errors: window.filter((s) => !s.ok).length };
    },
  };
}

async function makeHolds(o: StormOptions, url: string, flightIds: string[], tokens: string[]) {
  const run = crypto.randomUUID().slice(0, 8);
  let firstError = "";
  const result = await runLoad(url, {
    total: o.holds,
    concurrency: o.concurrency,
    request: (i) => ({
      method: "POST",
      path: "/api/bookings",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${tokens[i]}`,
        "Idempotency-Key": `storm-${run}-${i}`,
      },
      body: JSON.stringify({
        flightId: flightIds[i % flightIds.length],
        cabin: "Y",
        passengers: [{ firstName: "Storm", lastName: `Pax ${lettersOf(i)}` }],
      }),
    }),
    onResponse: (_i, status, body) => {
      if (status !== 201 && !firstError) firstError = `${status} ${body.slice(0, 300)}`;
    },
  });
  if (firstError) o.log?.(`first refused hold: ${firstError}`);
  return result;
}

/** Runs one storm and reports it; stops every server it started and removes its data dir. */
export async function runStorm(o: StormOptions): Promise<StormReport> {
  const log = o.log ?? (() => {});
  const { sql } = o.db;
  const flightIds = await insertBenchFlights(sql, {
    count: o.flights,
    seats: o.seatsPerFlight,
  });
  const tokens = await benchPassengers(o.db, `storm${crypto.randomUUID().slice(0, 6)}_`, o.holds);
  const dataDir = benchDataDir(o.cwd);
  const env = { HOLD_TTL_SECONDS: String(o.ttlSeconds), DATA_DIR: dataDir, ...o.env };
  const servers: Watched[] = [];
  const start = async () => {
    servers.push(new Watched(await startBenchServer(o.url, env, { cwd: o.cwd })));
    return servers.at(-1)!;
  };
  const sampler = new RssSampler(500);
  try {
    let server = await start();
    sampler.watch(server.server.child.pid);
    await sleep(600);
    const rssStartMb = sampler.peak() / MB;
    const probe = startProbe(o, server.server.url, sampler);
    log(`making ${o.holds} holds on ${o.flights} flights (TTL ${o.ttlSeconds} s)...`);
    const holds = await makeHolds(o, server.server.url, flightIds, tokens);
    const [{ first, last }] = await sql`
      SELECT extract(epoch FROM min(expires_at))::float8 AS first,
        extract(epoch FROM max(expires_at))::float8 AS last
      FROM bookings b WHERE EXISTS (SELECT 1 FROM booking_segments g
        WHERE g.booking_id = b.id AND g.flight_id = ANY(${flightIds}))`;
    const toSampler = (epoch: number) => sampler.now() + epoch - Date.now() / 1000;
    const firstExpiry = toSampler(first ?? Date.now() / 1000);
    log(`${holds.successes} holds in ${holds.seconds.toFixed(1)} s; waiting for them to expire`);
    if (holds.seconds > o.ttlSeconds) log("the first holds expired while the last were made");

    let restart: StormReport["restart"];
    let restartAt: Date | undefined;
    let restartSampler = 0;
    if (o.killAtSeconds !== undefined) {
      await sleep(Math.max(0, firstExpiry + o.killAtSeconds - sampler.now()) * 1000);
      const killedAtSeconds = sampler.now() - firstExpiry;
      const signal = o.killSignal ?? "SIGKILL";
      log(`${signal} ${killedAtSeconds.toFixed(1)} s after the first expiry`);
      await server.stop(signal);
      await sleep((o.downSeconds ?? 0) * 1000);
      const t0 = performance.now();
      server = await start();
      sampler.watch(server.server.child.pid);
      restartAt = new Date();
      restartSampler = sampler.now();
      const backlog = await drainState(sql, flightIds);
      log(`restarted: ${backlog.held} held, ${backlog.expired} expired, ${backlog.notified} told`);
      restart = {
        killedAtSeconds,
        downSeconds: o.downSeconds ?? 0,
        backlog,
        startupSeconds: (performance.now() - t0) / 1000,
        rssPeakMb: 0,
        drainSeconds: 0,
      };
    }

    const deadline = Date.now() + ((last ?? 0) - Date.now() / 1000 + o.drainTimeoutSeconds) * 1000;
    let state = await drainState(sql, flightIds);
    let drained = false;
    while (Date.now() < deadline && !server.exited) {
      state = await drainState(sql, flightIds);
      drained = state.held === 0 && state.notified === state.expired &&
        state.expired === holds.successes;
      if (drained) break;
      await sleep(1000);
    }
    const drainedAt = sampler.now();
    log(`${drained ? "drained" : "gave up"}: ${JSON.stringify(state)}`);
    const search = await probe.stop(firstExpiry, drainedAt);
    if (restart) {
      restart.rssPeakMb = sampler.peak(restartSampler) / MB;
      restart.drainSeconds = drainedAt - restartSampler;
    }
    await sleep(500);
    const crashes = servers.filter((s) => s.crashed).map((s) => s.describe());
    const rssPeakMb = sampler.peak() / MB;
    const outcome = await stormOutcome(sql, flightIds, {
      notBefore: restartAt,
      lateAfterSeconds: o.lateAfterSeconds,
    });
    // The log is read after a graceful stop: an error while shutting down counts too.
    for (const s of servers) await s.stop("SIGTERM");
    return {
      holdsMade: holds.successes,
      holdStatuses: Object.fromEntries(holds.statuses),
      holdsPerSecond: holds.successes / holds.seconds,
      rssStartMb,
      rssHoldsMb: sampler.peak(0, firstExpiry) / MB,
      rssPeakMb,
      outcome,
      drained,
      drainSeconds: drainedAt - firstExpiry,
      search,
      errors: servers.flatMap((s) => s.errors().running),
      shutdownErrors: servers.flatMap((s) => s.errors().stopping),
      crashes,
      restart,
    };
  } finally {
    sampler.stop();
    for (const s of servers) await s.stop("SIGTERM");
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}
