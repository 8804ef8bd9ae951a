/**
 * Bad-input fuzzer: thousands of malformed and hostile requests over every endpoint of the
 * access table and every page, against the real app in this process (PostgreSQL server when
 * reachable, else PGlite). Fails on any 5xx, any error that is not a problem, anything that
 * had to be refused but was not, and any change to the data.
 *
 *   deno task fuzz [--seed N] [--requests N] [--concurrency N] [--backend pglite|postgres]
 *                  [--only I,J] (replay some requests, printing each answer)
 */
import { parseArgs } from "node:util";
import { serverReachable } from "../tests/support/db.ts";
import { runFuzz } from "./fuzz/run.ts";
import { failed, formatReport } from "./fuzz/report.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    seed: { type: "string" },
    requests: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "8" },
    backend: { type: "string" },
    only: { type: "string" },
  },
});
const seed = values.seed ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const backend = values.backend === "pglite" || values.backend === "postgres"
  ? values.backend
  : serverReachable
  ? "postgres"
  : "pglite";
const only = values.only?.split(",").map(Number);
console.log(`fuzz: seed ${seed} (--seed ${seed} reproduces this run), backend ${backend}`);

const report = await runFuzz({
  seed,
  backend,
  requests: Number(values.requests),
  concurrency: Number(values.concurrency),
  only,
  onAnswer: only
    ? (req, res, text) =>
      console.log(
        `#${req.index} ${req.method} ${req.path.slice(0, 300)}\n  ${
          JSON.stringify(req.headers)
        }\n` +
          `  body: ${String(req.body ?? "").slice(0, 300)}\n  verdict: ${
            JSON.stringify(req.verdict)
          }\n` +
          `  → ${res.status} ${res.headers.get("content-type")}: ${text.slice(0, 500)}`,
      )
    : undefined,
});
console.log(formatReport(report));
Deno.exit(failed(report) ? 1 : 0);
