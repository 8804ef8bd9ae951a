import assert from "node:assert/strict";
import { ACCESS } from "../../routes/access.ts";
import { OPERATIONS } from "../../routes/openapi.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";

testOnEachBackend(
  "openapi: the document covers every JSON endpoint with its zod schemas",
  async (db) => {
    const t = await testApp(db);
    try {
      const res = await t.app.request("/api/openapi.json");
      assert.equal(res.status, 200);
      const doc = await res.json();
      assert.equal(doc.openapi, "3.1.0");
      const documented = OPERATIONS.map((o) =>
        `${o.method.toUpperCase()} ${o.path.replace(/\{(\w+)\}/g, ":$1")}`
      );
      const api = ACCESS.map(([m, p]) => `${m} ${p}`).filter((r) =>
        !/openapi\.json|\/docs$/.test(r)
      );
      assert.deepEqual([...documented].sort(), [...api].sort());
      const create = doc.paths["/api/bookings"].post;
      assert.deepEqual(create.requestBody.content["application/json"].schema.required.sort(), [
        "cabin",
        "flightId",
        "passengers",
      ]);
      assert.deepEqual(create["x-roles"], ["passenger", "operator", "admin"]);
      const search = doc.paths["/api/flights/search"].get.parameters;
      assert.ok(
        search.find((p: { name: string; required: boolean }) => p.name === "from" && p.required),
      );
      assert.ok(
        search.find((p: { name: string; required: boolean }) => p.name === "sort" && !p.required),
      );
      const pay = doc.paths["/api/bookings/{id}/pay"].post.parameters;
      assert.ok(
        pay.find((p: { name: string; in: string; required: boolean }) =>
          p.name === "Idempotency-Key" && p.required
        ),
      );
      const docs = await t.app.request("/api/docs");
      const html = await docs.text();
      assert.equal(docs.status, 200);
      assert.match(html, /POST<\/span> <code>\/api\/bookings<\/code>/);
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
