import type { Store } from "../../adapters/store.ts";
import { suggestAirports } from "../../db/airports_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** Airports for a typed prefix: code first, then city and name prefixes; cached 10 minutes. */
export async function airportSuggestions(deps: { sql: Sql; store: Store }, q: string) {
  const key = `airports:${q.toLowerCase()}`;
  let data = await deps.store.get<Awaited<ReturnType<typeof suggestAirports>>>(key);
  if (!data) {
    data = await suggestAirports(deps.sql, q);
    await deps.store.set(key, data, 10 * 60_000);
  }
  return data;
}
