/**
 * One fuzz run: builds the fixture, snapshots the data, sends the generated requests with a
 * few in flight at a time, checks every answer, snapshots again and reports.
 */
import { type Backend, withDatabase } from "../../tests/support/db.ts";
import { type FuzzFixture, fuzzFixture } from "./fixture.ts";
import { type FuzzRequest, generateRequest, type GeneratorContext } from "./generate.ts";
import { signTokens } from "./identities.ts";
import { checkAnswer, type Failure, readBody } from "./check.ts";
import { diffSnapshots, takeSnapshot } from "./snapshot.ts";

/** Options of a run. */
export interface FuzzOptions {
  seed: number;
  requests: number;
  backend: Backend;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Days of schedule to seed (default 1). */
  days?: number;
  /** Only these request indexes (a replay). */
  only?: number[];
  /** Called after each answered request. */
  onAnswer?: (req: FuzzRequest, res: Response, text: string) => void;
}

/** Counts of one endpoint group. */
export interface GroupCount {
  requests: number;
  byClass: Record<"2xx" | "3xx" | "4xx" | "5xx", number>;
}

/** What a run found. */
export interface FuzzReport {
  seed: number;
  backend: Backend;
  requests: number;
  endpoints: number;
  elapsedMs: number;
  groups: Map<string, GroupCount>;
  statuses: Map<number, number>;
  reasons: Map<string, number>;
  /** Requests per endpoint (method and pattern): every endpoint should have some. */
  perTarget: Map<string, number>;
  failures: Failure[];
  drift: string[];
  /** State-changing requests answered 2xx (only unknown ids should allow it): drift suspects. */
  acceptedWrites: string[];
  /** Changes that valid reads make by design (see READ_SIDE_EFFECTS). */
  sideEffects: string[];
  pollution: string[];
}

// Rate limits count per minute: the run clock moves past each window so they reset, and
// tokens are signed anew for each stretch.
const STRETCH = 250;
const STRETCH_MS = 61_000;

function prototypeKeys(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}

async function send(fx: FuzzFixture, req: FuzzRequest): Promise<Response> {
  const init: RequestInit & { duplex?: string } = { method: req.method, headers: req.headers };
  if (req.body !== undefined) {
    const bytes = typeof req.body === "string" ? new TextEncoder().encode(req.body) : req.body;
    init.body = req.streamed ? new Blob([bytes]).stream() : req.body;
    if (req.streamed) init.duplex = "half";
  }
  const env = { remoteAddr: { hostname: req.remoteAddr, port: 40_000, transport: "tcp" } };
  return await fx.app.request(req.path, init, env);
}

function unhandled(fx: FuzzFixture, res: Response): string {
  const id = res.headers.get("x-request-id");
  const line = fx.logs.find((l) => l.msg === "unhandled error" && l.requestId === id);
  const error = line?.error as { message?: string; name?: string } | undefined;
  return error ? `${error.name ?? "Error"}: ${error.message ?? ""}`.slice(0, 300) : "";
}

function tally(report: FuzzReport, req: FuzzRequest, status: number): void {
  const g = report.groups.get(req.target.group) ??
    { requests: 0, byClass: { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 } };
  g.requests++;
  const cls = `${
    Math.min(5, Math.max(2, Math.floor(status / 100)))
  }xx` as keyof GroupCount["byClass"];
  g.byClass[cls]++;
  report.groups.set(req.target.group, g);
  report.statuses.set(status, (report.statuses.get(status) ?? 0) + 1);
  const key = `${req.target.method} ${req.target.pattern}`;
  report.perTarget.set(key, (report.perTarget.get(key) ?? 0) + 1);
  if (status < 300 && !["GET", "HEAD"].includes(req.method)) {
    report.acceptedWrites.push(`#${req.index} ${status} ${req.method} ${req.path.slice(0, 100)}`);
  }
  for (const r of [...req.verdict.hard, ...req.verdict.soft]) {
    report.reasons.set(r, (report.reasons.get(r) ?? 0) + 1);
  }
}

async function attack(fx: FuzzFixture, options: FuzzOptions, report: FuzzReport) {
  const ctx: GeneratorContext = {
    seed: options.seed,
    targets: fx.targets,
    ids: fx.ids,
    known: fx.known,
    resolver: fx.resolver,
    tokens: await signTokens(fx.identities, fx.deps.config.jwtSecret!, fx.clock.now()),
  };
  const indexes = options.only ?? Array.from({ length: options.requests }, (_, i) => i);
  for (let from = 0; from < indexes.length; from += STRETCH) {
    ctx.tokens = await signTokens(fx.identities, fx.deps.config.jwtSecret!, fx.clock.now());
    const stretch = indexes.slice(from, from + STRETCH);
    let next = 0;
    const worker = async () => {
      while (next < stretch.length) {
        const req = await generateRequest(stretch[next++], ctx);
        try {
          const res = await send(fx, req);
          const text = await readBody(res);
          tally(report, req, res.status);
          const note = res.status >= 500 ? unhandled(fx, res) : "";
          report.failures.push(...checkAnswer(req, res, text, note));
          options.onAnswer?.(req, res, text);
        } catch (err) {
          report.failures.push({
            kind: "threw",
            index: req.index,
            method: req.method,
            path: req.path.slice(0, 160),
            status: 0,
            detail: String(err).slice(0, 300),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    fx.clock.advance(STRETCH_MS);
  }
}

/** Runs the fuzzer against a fresh database on `options.backend`. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const report: FuzzReport = {
    seed: options.seed,
    backend: options.backend,
    requests: 0,
    endpoints: 0,
    elapsedMs: 0,
    groups: new Map(),
    statuses: new Map(),
    reasons: new Map(),
    perTarget: new Map(),
    failures: [],
    drift: [],
    acceptedWrites: [],
    sideEffects: [],
    pollution: [],
  };
  await withDatabase(options.backend, async (db) => {
    const fx = await fuzzFixture(db, options.days ?? 1);
    try {
      report.endpoints = fx.targets.length;
      const before = await takeSnapshot(db.sql, fx.deps.kv);
      const protoBefore = prototypeKeys();
      const started = performance.now();
      await attack(fx, options, report);
      report.elapsedMs = performance.now() - started;
      report.requests = [...report.statuses.values()].reduce((a, b) => a + b, 0);
      // Fire-and-forget writes (search history) land before the second look.
      await new Promise((r) => setTimeout(r, 200));
      const diff = diffSnapshots(before, await takeSnapshot(db.sql, fx.deps.kv));
      report.drift = diff.drift;
      report.sideEffects = diff.expected;
      const probe = {} as Record<string, unknown>;
      report.pollution = [
        ...prototypeKeys().filter((k) => !protoBefore.includes(k)),
        ...["polluted", "isAdmin", "role"].filter((k) => probe[k] !== undefined),
      ];
    } finally {
      await fx.close();
    }
  });
  return report;
}
