import assert from "node:assert/strict";
import { tracedSql } from "../../db/sql_tracing.ts";
import { tracingEnabled, withSpan } from "../../platform/tracing.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { testOnEachBackend } from "../support/db.ts";

interface OtlpSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  attributes?: { key: string; value: Record<string, unknown> }[];
}

/** An OTLP/HTTP JSON receiver on a free port; keeps every span it is sent. */
function captureOtlp() {
  const spans: OtlpSpan[] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (req) => {
    const body = await req.json().catch(() => ({}));
    if (new URL(req.url).pathname === "/v1/traces") {
      for (const rs of body.resourceSpans ?? []) {
        for (const ss of rs.scopeSpans ?? []) spans.push(...ss.spans);
      }
    }
    return Response.json({});
  });
  return { spans, url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

const attr = (span: OtlpSpan, key: string) =>
  Object.values(span.attributes?.find((a) => a.key === key)?.value ?? {})[0];

Deno.test("tracing: with OpenTelemetry off, spans cost a call and sql is left as it is", async () => {
  assert.equal(tracingEnabled(), false);
  const sql = (() => {}) as unknown as Parameters<typeof tracedSql>[0];
  assert.equal(tracedSql(sql), sql);
  const recording = await withSpan("x", (span) => Promise.resolve(span.isRecording()));
  assert.equal(recording, false);
  await assert.rejects(withSpan("x", () => Promise.reject(new Error("boom"))), /boom/);
});

testOnEachBackend(
  "tracing: with OTEL_DENO=true, actor commits and Postgres queries arrive as nested spans",
  async (db) => {
    await seedTestSchedule(db.sql);
    const [flight] = await db.sql`SELECT id FROM flights ORDER BY departure_at LIMIT 1`;
    const otlp = captureOtlp();
    try {
      const child = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "tests/support/otel_child.ts", db.url, flight.id],
        cwd: new URL("../..", import.meta.url).pathname,
        env: {
          OTEL_DENO: "true",
          OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
          OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
          OTEL_SERVICE_NAME: "contrail-test",
        },
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(child.code, 0, new TextDecoder().decode(child.stderr));

      const commit = otlp.spans.find((s) => s.name === "actor.commit");
      assert.ok(commit, `no actor.commit among ${otlp.spans.map((s) => s.name)}`);
      assert.equal(attr(commit, "contrail.flight_id"), flight.id);
      assert.equal(Number(attr(commit, "contrail.events")), 1);
      // The actor loads the flight from Postgres inside its first commit.
      const load = otlp.spans.filter((s) => s.parentSpanId === commit.spanId);
      assert.ok(load.some((s) => s.name === "postgres SELECT"), "a query under the commit");
      assert.equal(attr(load[0], "db.system.name"), "postgresql");

      const tx = otlp.spans.find((s) => s.name === "postgres transaction");
      assert.ok(tx, "the projection's transaction is a span");
      assert.ok(otlp.spans.some((s) => s.parentSpanId === tx.spanId), "with its queries inside");
      // Statements carry placeholders, never the values bound to them.
      const texts = otlp.spans.map((s) => String(attr(s, "db.query.text") ?? ""));
      assert.ok(texts.some((t) => t.includes("$1")));
      assert.ok(texts.every((t) => !t.includes(flight.id)), "no bound value in a statement");
    } finally {
      await otlp.close();
    }
  },
  { seededDays: 1 },
);
