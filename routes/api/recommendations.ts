import { suggestRoutes } from "../../services/search/recommendations.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { ANYONE, declare, router } from "../declare.ts";

const suggestions = declare({
  method: "get",
  path: "/api/recommendations",
  tags: ["Search"],
  summary: "Suggested routes",
  roles: ANYONE,
  responses: { 200: { description: "`{data}`: personal when signed in, else popular" } },
});

/** `GET /api/recommendations`: personal suggestions when signed in, popular routes otherwise. */
export function recommendationRoutes(deps: AppDeps) {
  return router().openapi(suggestions, async (c) => {
    return c.json({ data: await suggestRoutes({ ...deps, sql: deps.db.sql }, actorOf(c)) });
  });
}
