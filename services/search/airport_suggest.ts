/** Airport autosuggest and the airports' directory that search explanations measure from. */
import type { Store } from "../../adapters/store.ts";
import { type DirectoryAirport, listAirportDirectory } from "../../db/airports_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { type AirportIndexEntry, indexAirport, rankAirports } from "../../domain/airport_match.ts";
import type { AirportSuggestion } from "../../domain/views/airport.ts";
import { currentScheduleVersion } from "../flights/cache_keys.ts";

/** Every airport, folded for matching and by code. */
export interface AirportDirectory {
  index: AirportIndexEntry<DirectoryAirport>[];
  byCode: Map<string, DirectoryAirport>;
}

// The directory is a few thousand rows, matched in memory: it is read once per process and
// again when the schedule changes (an airport may become served) or after ten minutes.
const DIRECTORY_MS = 10 * 60_000;
const directories = new WeakMap<
  object,
  { at: number; version: number; value: Promise<AirportDirectory> }
>();

/** The airport directory, cached in this process per store and schedule version. */
export async function airportDirectory(deps: { sql: Sql; store: Store }) {
  const version = await currentScheduleVersion(deps.store);
  const hit = directories.get(deps.store);
  const t = Date.now();
  if (hit && hit.version === version && t - hit.at < DIRECTORY_MS) return await hit.value;
  const value = listAirportDirectory(deps.sql).then((rows) => ({
    index: rows.map(indexAirport),
    byCode: new Map(rows.map((a) => [a.iata, a])),
  }));
  directories.set(deps.store, { at: t, version, value });
  value.catch(() => directories.get(deps.store)?.value === value && directories.delete(deps.store));
  return await value;
}

/**
 * Up to 10 airports for what a user typed, matched on words of their code, city, name and
 * country (accents and case ignored): the exact code first, then served airports, then others.
 */
export async function airportSuggestions(
  deps: { sql: Sql; store: Store },
  q: string,
): Promise<AirportSuggestion[]> {
  const { index } = await airportDirectory(deps);
  return rankAirports(q, index).map(({ iata, name, city, country, tz, served }) => ({
    iata,
    name,
    city,
    country,
    tz,
    served,
  }));
}

/** Airports as headings name them: "London (LHR)", or the bare code for an unknown one. */
export async function airportPlaces(
  deps: { sql: Sql; store: Store },
  q: { from: string; to: string },
): Promise<{ from: string; to: string }> {
  const { byCode } = await airportDirectory(deps);
  const name = (iata: string) => {
    const a = byCode.get(iata);
    return a ? `${a.city} (${iata})` : iata;
  };
  return { from: name(q.from), to: name(q.to) };
}
