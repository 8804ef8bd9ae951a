import type { Clock } from "../../domain/clock.ts";
import type { Store } from "../../adapters/store.ts";
import type { Sql } from "../../db/postgres.ts";
import { recommend, type Recommendation } from "../../db/recommendations_repo.ts";
import type { Actor } from "../actor.ts";

/** What route suggestions need. */
export interface RecommendationDeps {
  sql: Sql;
  store: Store;
  clock: Clock;
}

/** Personal suggestions for a signed-in actor, popular routes (cached briefly) for a guest. */
export async function suggestRoutes(
  deps: RecommendationDeps,
  actor: Actor,
): Promise<Recommendation[]> {
  const now = deps.clock.now();
  if (actor.userId) return await recommend(deps.sql, now, actor.userId);
  // Anonymous suggestions are the same for everyone: cache them briefly.
  let data = await deps.store.get<Recommendation[]>("recommendations:anonymous");
  if (!data) {
    data = await recommend(deps.sql, now, undefined);
    await deps.store.set("recommendations:anonymous", data, 10 * 60_000);
  }
  return data;
}
