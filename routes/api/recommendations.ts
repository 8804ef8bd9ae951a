import { suggestRoutes } from "../../services/search/recommendations.ts";
import { actorOf } from "../actor.ts";
import { countRequest } from "../middleware/limits.ts";
import type { AppDeps } from "../context.ts";
import { ANYONE, declare, jsonResponse, router } from "../declare.ts";
import { RecommendationList } from "../responses.ts";

const suggestions = declare({
  method: "get",
  path: "/api/recommendations",
  tags: ["Search"],
  summary: "Suggested routes",
  roles: ANYONE,
  responses: {
    200: jsonResponse("Personal when signed in, else popular", RecommendationList),
  },
});

/** `GET /api/recommendations`: personal suggestions when signed in, popular routes otherwise. */
export function recommendationRoutes(deps: AppDeps) {
  return router().openapi(suggestions, async (c) => {
    await countRequest(c, deps, "recommendations");
    return c.json({ data: await suggestRoutes({ ...deps, sql: deps.db.sql }, actorOf(c)) });
  });
}
