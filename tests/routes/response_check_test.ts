/** Declared response schemas are checked against what a handler answers (under test). */
import assert from "node:assert/strict";
import { z } from "@hono/zod-openapi";
import {
  ANYONE,
  checkResponsesAgainstDeclarations,
  declare,
  jsonResponse,
  router,
} from "../../routes/declare.ts";

const Answer = z.object({ id: z.string(), seats: z.array(z.string()) });

function app(body: unknown) {
  const route = declare({
    method: "get",
    path: "/thing",
    roles: ANYONE,
    responses: { 200: jsonResponse("A thing", Answer) },
  });
  return router().openapi(route, (c) => c.json(body as z.infer<typeof Answer>));
}

Deno.test("response check: a matching answer passes unchanged", async () => {
  checkResponsesAgainstDeclarations(true);
  const res = await app({ id: "a", seats: ["1A"], extra: true }).request("/thing");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { id: "a", seats: ["1A"], extra: true });
});

Deno.test("response check: an answer that breaks its schema becomes a 500 naming the field", async () => {
  checkResponsesAgainstDeclarations(true);
  const res = await app({ id: "a", seats: "1A" }).request("/thing");
  assert.equal(res.status, 500);
  const problem = await res.json();
  assert.equal(problem.code, "response_schema_mismatch");
  assert.match(problem.detail, /seats/);
});

Deno.test("response check: off, nothing is checked", async () => {
  checkResponsesAgainstDeclarations(false);
  try {
    const res = await app({ id: 1 }).request("/thing");
    assert.equal(res.status, 200);
  } finally {
    checkResponsesAgainstDeclarations(true);
  }
});
