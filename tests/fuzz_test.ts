import assert from "node:assert/strict";
import { runFuzz } from "../bench/fuzz/run.ts";
import { formatReport } from "../bench/fuzz/report.ts";

// The bad-input fuzzer (`deno task fuzz`, 10,000+ requests) in a bounded run: the same
// generator over every endpoint, on embedded PGlite. A different seed explores other inputs:
// FUZZ_SEED=n deno test -A tests/fuzz_test.ts.
const SEED = Number(Deno.env.get("FUZZ_SEED") ?? 20260801);

Deno.test({
  name: "fuzz: 1,500 hostile requests get no 5xx, only problems, and change no data",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const report = await runFuzz({ seed: SEED, requests: 1_500, backend: "pglite" });
    const summary = formatReport(report);
    assert.equal(report.requests, 1_500);
    assert.equal(report.perTarget.size, report.endpoints, `every endpoint hit\n${summary}`);
    assert.deepEqual(report.failures, [], summary);
    assert.deepEqual(report.drift, [], summary);
    assert.deepEqual(report.pollution, [], summary);
    // The run must have attacked, not just been turned away at the door.
    for (const reason of ["body", "token", "csrf", "param", "role", "too-large", "upload"]) {
      assert.ok((report.reasons.get(reason) ?? 0) > 0, `no request refused for ${reason}`);
    }
  },
});
