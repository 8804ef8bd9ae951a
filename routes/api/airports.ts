import { z } from "zod";
import { airportSuggestions } from "../../services/search/airport_suggest.ts";
import type { AppDeps } from "../context.ts";
import { ANYONE, declare, jsonResponse, router } from "../declare.ts";
import { AirportList } from "../responses.ts";

/** Query of `GET /api/airports`. */
export const AirportQuery = z.object({
  q: z.string().trim().min(1, "type at least one character").max(64),
});

const suggest = declare({
  method: "get",
  path: "/api/airports",
  tags: ["Search"],
  summary: "Airport autosuggest",
  roles: ANYONE,
  request: { query: AirportQuery },
  responses: { 200: jsonResponse("Matching airports, code first", AirportList) },
});

/** `GET /api/airports?q=`: autosuggest, code first, then city and name prefixes. */
export function airportRoutes(deps: AppDeps) {
  return router().openapi(suggest, async (c) => {
    const { q } = c.req.valid("query");
    const data = await airportSuggestions({ sql: deps.db.sql, store: deps.store }, q);
    c.header("Cache-Control", "public, max-age=300");
    return c.json({ data });
  });
}
