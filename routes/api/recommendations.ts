import { Hono } from "hono";
import { recommend } from "../../db/recommendations_repo.ts";
import type { AppDeps, AppEnv } from "../context.ts";

/** `GET /api/recommendations`: personal suggestions when signed in, popular routes otherwise. */
export function recommendationRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get("/", async (c) => {
    const userId = c.get("principal").userId;
    const now = deps.clock.now();
    if (userId) return c.json({ data: await recommend(deps.db.sql, now, userId) });
    // Anonymous suggestions are the same for everyone: cache them briefly.
    let data = await deps.store.get<unknown[]>("recommendations:anonymous");
    if (!data) {
      data = await recommend(deps.db.sql, now, undefined);
      await deps.store.set("recommendations:anonymous", data, 10 * 60_000);
    }
    return c.json({ data });
  });
}
