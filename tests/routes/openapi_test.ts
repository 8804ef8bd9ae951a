import assert from "node:assert/strict";
import { validate } from "@readme/openapi-parser";
import { declaredOperations } from "../../routes/declare.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";

/**
 * Every operation the hand-written document (routes/openapi.ts, deleted in issue 15) listed:
 * the generated document must keep documenting each of them.
 */
const DOCUMENTED_BEFORE = [
  "POST /api/auth/register",
  "POST /api/auth/login",
  "POST /api/auth/refresh",
  "POST /api/auth/logout",
  "GET /api/me",
  "GET /api/me/export",
  "DELETE /api/me",
  "GET /api/airports",
  "GET /api/flights",
  "GET /api/flights/search",
  "GET /api/flights/calendar",
  "GET /api/flights/{id}",
  "GET /api/flights/{id}/seats",
  "GET /api/flights/{id}/seats/stream",
  "GET /api/flights/{id}/status/stream",
  "GET /api/me/notifications/stream",
  "GET /api/admin/ops/stream",
  "POST /api/admin/flights/{id}/status",
  "POST /api/flights/{id}/waitlist",
  "GET /api/recommendations",
  "POST /api/bookings",
  "GET /api/bookings",
  "GET /api/bookings/lookup",
  "POST /api/bookings/lookup",
  "GET /api/bookings/lookup/trip",
  "POST /api/bookings/lookup/check-in",
  "GET /api/bookings/lookup/boarding-passes",
  "POST /api/bookings/lookup/cancel",
  "GET /api/bookings/{id}",
  "PATCH /api/bookings/{id}/seats",
  "POST /api/bookings/{id}/pay",
  "POST /api/bookings/{id}/cancel",
  "POST /api/bookings/{id}/check-in",
  "GET /api/bookings/{id}/boarding-passes",
  "GET /api/bookings/{id}/itinerary.ics",
  "GET /metrics",
  "GET /api/admin/flights/{id}/reconcile",
  "GET /api/me/notifications",
  "POST /api/me/notifications/{id}/read",
  "POST /api/me/notifications/read-all",
  "GET /api/me/notification-preferences",
  "PUT /api/me/notification-preferences",
  "GET /api/push/vapid-public-key",
  "POST /api/me/push-subscriptions",
  "DELETE /api/me/push-subscriptions",
  "GET /api/admin/flights",
  "POST /api/admin/flights",
  "GET /api/admin/flights/{id}",
  "PUT /api/admin/flights/{id}",
  "DELETE /api/admin/flights/{id}",
  "POST /api/admin/flights/recurring/preview",
  "POST /api/admin/flights/recurring",
  "POST /api/admin/flights/bulk",
  "GET /api/admin/jobs",
  "GET /api/admin/jobs/{id}",
  "GET /api/admin/jobs/{id}/rejections",
  "POST /api/admin/flights/{id}/aircraft",
  "GET /api/admin/flights/{id}/pricing",
  "PUT /api/admin/flights/{id}/pricing",
  "POST /api/admin/flights/{id}/seats/block",
  "POST /api/admin/flights/{id}/seats/unblock",
  "POST /api/admin/flights/{id}/messages",
  "GET /api/admin/flights/{id}/messages",
  "POST /api/admin/flights/{id}/reaccommodate",
  "GET /api/admin/flights/{id}/reaccommodation",
  "GET /api/admin/mailbox",
  "GET /api/admin/mailbox/{id}",
  "GET /api/admin/users",
  "GET /api/admin/users/{id}",
  "PUT /api/admin/users/{id}/role",
  "POST /api/admin/users/{id}/disable",
  "POST /api/admin/users/{id}/enable",
  "GET /api/admin/airports",
  "POST /api/admin/airports",
  "PUT /api/admin/airports/{iata}",
  "GET /api/admin/aircraft-types",
  "GET /api/admin/aircraft-types/{code}",
  "POST /api/admin/aircraft-types",
  "PUT /api/admin/aircraft-types/{code}",
  "GET /api/admin/aircraft",
  "POST /api/admin/aircraft",
  "PUT /api/admin/aircraft/{registration}",
  "GET /api/admin/reports/flights",
  "GET /api/admin/reports/routes",
  "GET /api/admin/reports/daily",
  "GET /api/admin/reports/bookings-per-hour",
  "GET /api/admin/reports/crew-hours",
  "GET /api/admin/crew",
  "POST /api/admin/crew",
  "GET /api/admin/crew/shortfalls",
  "POST /api/admin/crew/auto-assign",
  "POST /api/admin/crew/auto-assign/accept",
  "GET /api/admin/crew/{id}",
  "PUT /api/admin/crew/{id}",
  "POST /api/admin/crew/{id}/unavailability",
  "DELETE /api/admin/crew/{id}/unavailability/{periodId}",
  "GET /api/admin/flights/{id}/crew",
  "POST /api/admin/flights/{id}/crew",
  "DELETE /api/admin/flights/{id}/crew/{crewId}",
];

type Op = {
  "x-roles"?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: { required?: string[] } }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
};
type Doc = { openapi: string; paths: Record<string, Record<string, Op>> };

const op = (doc: Doc, method: string, path: string) => doc.paths[path]?.[method.toLowerCase()];

testOnEachBackend("openapi: the generated document is valid OpenAPI 3.1", async (db) => {
  const t = await testApp(db);
  try {
    const res = await t.app.request("/api/openapi.json");
    assert.equal(res.status, 200);
    const doc = await res.json();
    assert.equal(doc.openapi, "3.1.0");
    // The parser dereferences in place: give it a copy.
    const result = await validate(structuredClone(doc));
    assert.deepEqual(result.valid ? [] : result.errors, []);
    assert.equal(result.valid, true);
  } finally {
    await t.close();
  }
});

testOnEachBackend(
  "openapi: every declared endpoint is documented with its roles, and none was lost",
  async (db) => {
    const t = await testApp(db);
    try {
      const doc: Doc = await (await t.app.request("/api/openapi.json")).json();
      const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)
      );
      for (const before of DOCUMENTED_BEFORE) {
        assert.ok(documented.includes(before), `${before} is no longer documented`);
      }
      const declared = declaredOperations(t.app);
      assert.equal(documented.length, declared.length);
      for (const d of declared) {
        const o = op(doc, d.method, d.path.replace(/:(\w+)/g, "{$1}"));
        assert.ok(o, `${d.method} ${d.path} is declared but not documented`);
        assert.deepEqual(o["x-roles"], d.roles, `${d.method} ${d.path} roles`);
        const guests = d.roles.includes("guest");
        assert.equal(o.security?.some((s) => Object.keys(s).length === 0), guests);
        assert.ok(o.responses.default.content?.["application/problem+json"]);
      }
      // Every success answer but an empty one (204, a redirect) documents its body.
      const bare = declared.flatMap((d) => {
        const o = op(doc, d.method, d.path.replace(/:(\w+)/g, "{$1}"))!;
        return Object.entries(o.responses)
          .filter(([status, r]) => /^2\d\d$/.test(status) && status !== "204" && !r.content)
          .map(([status]) => `${d.method} ${d.path} ${status}`);
      });
      assert.deepEqual(bare, [], "success responses without a body schema");
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "openapi: schemas, parameters and media types come from what the routes validate",
  async (db) => {
    const t = await testApp(db);
    try {
      const doc: Doc = await (await t.app.request("/api/openapi.json")).json();
      const create = op(doc, "POST", "/api/bookings")!;
      const body = create.requestBody!.content["application/json"].schema as {
        required?: string[];
        properties?: Record<string, { maxItems?: number; items?: { required?: string[] } }>;
      };
      // A journey's segments, or one flight's flightId and cabin (checked by the route).
      assert.deepEqual(body.required, ["passengers"]);
      assert.equal(body.properties?.segments?.maxItems, 4);
      assert.deepEqual(body.properties?.segments?.items?.required?.sort(), ["cabin", "flightId"]);
      assert.deepEqual(create["x-roles"], ["passenger", "operator", "admin"]);
      const search = op(doc, "GET", "/api/flights/search")!.parameters!;
      assert.ok(search.find((p) => p.name === "from" && p.required));
      assert.ok(search.find((p) => p.name === "sort" && !p.required));
      const pay = op(doc, "POST", "/api/bookings/{id}/pay")!.parameters!;
      assert.ok(pay.find((p) => p.name === "Idempotency-Key" && p.in === "header" && p.required));
      assert.ok(pay.find((p) => p.name === "id" && p.in === "path" && p.required));
      const media = (method: string, path: string, status: string) =>
        Object.keys(op(doc, method, path)!.responses[status].content ?? {});
      assert.deepEqual(media("GET", "/api/flights/{id}/seats/stream", "200"), [
        "text/event-stream",
      ]);
      assert.deepEqual(media("GET", "/api/bookings/{id}/itinerary.ics", "200"), ["text/calendar"]);
      assert.match(media("GET", "/metrics", "200")[0], /^text\/plain/);
      assert.deepEqual(
        Object.keys(op(doc, "POST", "/api/admin/flights/bulk")!.requestBody!.content),
        ["multipart/form-data"],
      );
      assert.deepEqual(op(doc, "GET", "/metrics")!["x-roles"], ["admin"]);

      const docs = await t.app.request("/api/docs");
      const html = await docs.text();
      assert.equal(docs.status, 200);
      assert.match(html, /POST<\/span> <code>\/api\/bookings<\/code>/);
      assert.match(html, /Roles: passenger, operator, admin\./);
      assert.doesNotMatch(
        html,
        /https?:\/\/(?!contrail\.dev|openflights|opendatabase)[^"']*\.(js|css)/,
        "no CDN",
      );
    } finally {
      await t.close();
    }
  },
);
