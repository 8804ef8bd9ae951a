import assert from "node:assert/strict";
import { declaredOperations } from "../../routes/declare.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";

/** Whether Hono pattern `pattern` matches the concrete `path` (a `:param` takes one segment). */
function matches(pattern: string, path: string): boolean {
  const p = pattern.split("/"), s = path.split("/");
  return p.length === s.length && p.every((seg, i) => seg.startsWith(":") || seg === s[i]);
}

// Hono runs the first registered handler that matches, so a literal path mounted after a
// pattern that also matches it (`/api/flights/:id` before `/api/flights/search`) would never
// be reached. Every declared endpoint must be the first route its own URLs reach.
testOnEachBackend(
  "routes: no declared endpoint is shadowed by a route mounted before it",
  async (db) => {
    const t = await testApp(db);
    try {
      const routes = t.app.routes.filter((r) => r.method !== "ALL");
      for (const { method, path } of declaredOperations(t.app)) {
        const url = path.replace(/:\w+/g, "x0");
        const first = routes.find((r) => r.method === method && matches(r.path, url));
        assert.equal(first?.path, path, `${method} ${path} is reached by ${first?.path}`);
      }
      // The check itself: a pattern mounted first does shadow a literal.
      assert.ok(matches("/api/flights/:id", "/api/flights/search"));
    } finally {
      await t.close();
    }
  },
);
