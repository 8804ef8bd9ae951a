import assert from "node:assert/strict";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { streamSetup } from "../support/streams.ts";
import { staffHeaders } from "../support/staff.ts";
import { MAX_UPLOAD_BYTES } from "../../services/schedule/flight_jobs.ts";

const HSTS = "strict-transport-security";

async function problem(res: Response, status: number) {
  assert.equal(res.status, status, await res.clone().text());
  assert.equal(res.headers.get("content-type"), "application/problem+json");
  return await res.json();
}

testOnEachBackend("security headers: every kind of answer carries them", async (db) => {
  const t = await testApp(db);
  try {
    for (
      const path of ["/", "/login", "/api/openapi.json", "/api/nowhere", "/nowhere", "/health"]
    ) {
      const res = await t.app.request(path);
      await res.body?.cancel();
      const csp = res.headers.get("content-security-policy") ?? "";
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
      assert.equal(res.headers.get("referrer-policy"), "no-referrer", path);
      assert.equal(res.headers.get("x-frame-options"), "DENY", path);
      assert.equal(res.headers.get(HSTS), null, `${path}: no HSTS over plain HTTP`);
    }
  } finally {
    await t.close();
  }
});

testOnEachBackend("security headers: HSTS only for requests that came over TLS", async (db) => {
  const direct = await testApp(db, undefined, { env: { APP_ENV: "production" } });
  const proxied = await testApp(db, undefined, { env: { TRUST_PROXY: "true" } });
  const hsts = async (t: typeof direct, url: string, headers: Record<string, string> = {}) => {
    const res = await t.app.request(url, { headers });
    await res.body?.cancel();
    return res.headers.get(HSTS);
  };
  try {
    assert.match((await hsts(direct, "https://contrail.test/health")) ?? "", /max-age=\d{8}/);
    assert.equal(await hsts(direct, "http://contrail.test/health"), null, "production, plain");
    // Without TRUST_PROXY anyone can send the header: it is ignored.
    assert.equal(await hsts(direct, "/health", { "X-Forwarded-Proto": "https" }), null);
    assert.ok(await hsts(proxied, "/health", { "X-Forwarded-Proto": "https" }));
    // The nearest proxy's value counts: it saw plain HTTP, whatever the client claimed.
    assert.equal(await hsts(proxied, "/health", { "X-Forwarded-Proto": "https, http" }), null);
    assert.equal(await hsts(proxied, "/health"), null);
  } finally {
    direct.close();
    proxied.close();
  }
});

testOnEachBackend(
  "security headers: a trusted proxy's client address is what gets limited",
  async (db) => {
    // A proxy appends the address it saw to X-Forwarded-For; what comes before is the client's say.
    const login = (t: Awaited<ReturnType<typeof testApp>>, forwardedFor: string) =>
      t.app.request("/api/auth/login", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Forwarded-For": forwardedFor },
        body: "{}",
      }, { remoteAddr: { hostname: "10.0.0.9" } });
    const proxied = await testApp(db, undefined, { env: { TRUST_PROXY: "true" } });
    const direct = await testApp(db);
    try {
      // Auth allows 20 a minute per address: the 21st from one client is refused, whatever it
      // claims before the proxy's entry; another client has its own budget.
      for (let i = 0; i < 20; i++) {
        assert.equal((await login(proxied, `192.0.2.${i}, 203.0.113.5`)).status, 400);
      }
      assert.equal((await login(proxied, "192.0.2.99, 203.0.113.5")).status, 429);
      assert.equal((await login(proxied, "203.0.113.5, 198.51.100.7")).status, 400);
      // Untrusted, the header is ignored: every request is the socket's address.
      for (let i = 0; i < 20; i++) await login(direct, `203.0.113.${i}`);
      assert.equal((await login(direct, "203.0.113.99")).status, 429);
    } finally {
      proxied.close();
      direct.close();
    }
  },
);

testOnEachBackend(
  "limits: JSON and forms stop at 1 MiB, CSV uploads at their own limit",
  async (db) => {
    const t = await testApp(db);
    const { headers: staff } = await staffHeaders(t, db, "admin");
    const big = `{"x":"${"A".repeat(1024 * 1024)}"}`;
    try {
      const declared = await t.app.request("/api/bookings", {
        method: "POST",
        headers: { ...staff, "Content-Type": "application/json" },
        body: big,
      });
      assert.equal((await problem(declared, 413)).code, "payload_too_large");
      // Without a Content-Length (chunked) the body is counted as it arrives.
      const chunked = await t.app.request("/api/bookings", {
        method: "POST",
        headers: { ...staff, "Content-Type": "application/json" },
        body: new Blob([big]).stream(),
        duplex: "half",
      } as RequestInit);
      assert.equal((await problem(chunked, 413)).code, "payload_too_large");
      // A page's form gets the same limit, answered as an HTML page with the real status.
      const form = await t.app.request("/login", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: `email=${"a".repeat(1024 * 1024)}`,
      });
      assert.equal(form.status, 413);
      assert.match(form.headers.get("content-type") ?? "", /text\/html/);
      await form.body?.cancel();

      const boundary = "b0undary";
      const csv = (content: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n` +
        `${content}\r\n--${boundary}--\r\n`;
      const upload = (body: string, extra: Record<string, string> = {}) =>
        t.app.request("/api/admin/flights/bulk", {
          method: "POST",
          headers: {
            ...staff,
            "Content-Type": `multipart/form-data; boundary=${boundary}`,
            ...extra,
          },
          body,
        });
      // 1.5 MiB of CSV passes the JSON limit and reaches the importer (which reads the header).
      const past = await upload(csv(`not,a,header\n${"x,y,z\n".repeat(260_000)}`));
      assert.equal((await problem(past, 400)).code, "invalid_input");
      const declaredHuge = await upload(csv("x"), {
        "Content-Length": String(MAX_UPLOAD_BYTES + 1),
      });
      assert.equal((await problem(declaredHuge, 413)).code, "payload_too_large");
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "timeouts: a slow handler is a 503 problem; an event stream is never cut",
  async (db) => {
    const t = await testApp(db, undefined, { env: { REQUEST_TIMEOUT_MS: "100" } });
    t.app.get("/api/slow", async (c) => {
      await new Promise((r) => setTimeout(r, 400));
      return c.json({ late: true });
    });
    const s = await streamSetup(db, { REQUEST_TIMEOUT_MS: "100", SSE_HEARTBEAT_MS: "40" });
    try {
      const slow = await t.app.request("/api/slow");
      const body = await problem(slow, 503);
      assert.equal(body.code, "request_timeout");
      assert.equal(slow.headers.get("retry-after"), "1");
      assert.match(slow.headers.get("content-security-policy") ?? "", /frame-ancestors/);
      assert.equal((await t.app.request("/health")).status, 200, "a quick answer is untouched");

      // Three times the timeout later, the stream still delivers its heartbeats.
      const stream = await s.open(`/api/flights/${s.flightId}/seats/stream`);
      await stream.next();
      await new Promise((r) => setTimeout(r, 300));
      await stream.comment(1000);
      await stream.comment(1000);
      await stream.close();
    } finally {
      await t.close();
      await s.close();
    }
  },
  { seededDays: 1 },
);
