import { Hono } from "hono";
import { z } from "zod";
import { suggestAirports } from "../../db/airports_repo.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";

/** Query of `GET /api/airports`. */
export const AirportQuery = z.object({
  q: z.string().trim().min(1, "type at least one character").max(64),
});

/** `GET /api/airports?q=`: autosuggest, code first, then city and name prefixes. */
export function airportRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get("/", validate("query", AirportQuery), async (c) => {
    const { q } = c.req.valid("query");
    const key = `airports:${q.toLowerCase()}`;
    let data = await deps.store.get<Awaited<ReturnType<typeof suggestAirports>>>(key);
    if (!data) {
      data = await suggestAirports(deps.db.sql, q);
      await deps.store.set(key, data, 10 * 60_000);
    }
    c.header("Cache-Control", "public, max-age=300");
    return c.json({ data });
  });
}
