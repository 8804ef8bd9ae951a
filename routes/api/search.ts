import { Hono } from "hono";
import { z } from "zod";
import { CABIN_CODES } from "../../domain/seat_layout.ts";
import { cabinOffers } from "../../domain/inventory/view.ts";
import { type Itinerary, rankItineraries } from "../../domain/itinerary.ts";
import { findItineraries, listFlightsByIds, monthFlights } from "../../db/search_repo.ts";
import { recordSearch } from "../../db/recommendations_repo.ts";
import type { FlightSummary } from "../../db/flights_repo.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { iataCode as iata } from "../schemas.ts";
import { SCHEDULE_VERSION_KEY } from "../../services/cache_keys.ts";

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM");
/** Query of `GET /api/flights/search`. */
export const SearchQuery = z.object({
  from: iata,
  to: iata,
  date: z.iso.date(),
  cabin: z.enum(CABIN_CODES).default("Y"),
  passengers: z.coerce.number().int().min(1).max(9).default(1),
  sort: z.enum(["price", "duration", "departure", "best"]).default("best"),
  departAfter: clock.optional(),
  departBefore: clock.optional(),
  maxPrice: z.coerce.number().int().min(0).optional(),
  maxStops: z.coerce.number().int().min(0).max(1).default(1).transform((n) => n as 0 | 1),
  page: z.coerce.number().int().min(1).max(100).default(1),
  limit: z.coerce.number().int().min(1).max(50).default(20),
}).refine((q) => q.from !== q.to, { message: "from and to must differ", path: ["to"] });
/** Query of `GET /api/flights/calendar`. */
export const CalendarQuery = z.object({
  from: iata,
  to: iata,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM"),
  cabin: z.enum(CABIN_CODES).default("Y"),
});

const CACHE_MS = 5 * 60_000;

/** `/api/flights/search` and `/api/flights/calendar`. */
export function searchRoutes(deps: AppDeps) {
  const version = async () => (await deps.store.get<number>(SCHEDULE_VERSION_KEY)) ?? 0;

  /** Live seats left and price per passenger for one flight and cabin. */
  const offer = async (flight: FlightSummary, cabin: string, passengers: number) => {
    const inv = await deps.registry.inventory(flight.id);
    const o = cabinOffers(inv, deps.clock.now().getTime(), passengers)
      .find((x) => x.code === cabin);
    return o?.price === undefined ? undefined : { seatsLeft: o.seatsLeft, unitPrice: o.price };
  };

  return new Hono<AppEnv>()
    .get("/search", validate("query", SearchQuery), async (c) => {
      const q = c.req.valid("query");
      const userId = c.get("principal").userId;
      if (userId) {
        // Remembered for recommendations; a failure here must not fail the search.
        recordSearch(deps.db.sql, userId, q.from, q.to, q.date).catch((err) =>
          c.get("log").warn("search history not recorded", { error: err })
        );
      }
      const key = `search:v${await version()}:${q.from}:${q.to}:${q.date}:${q.maxStops}`;
      let candidates = await deps.store.get<string[][]>(key);
      if (!candidates) {
        candidates = await findItineraries(deps.db.sql, q);
        await deps.store.set(key, candidates, CACHE_MS);
      }
      const flights = new Map(
        (await listFlightsByIds(deps.db.sql, [...new Set(candidates.flat())])).map((
          f,
        ) => [f.id, f]),
      );
      const now = deps.clock.now().getTime();
      const results: (Itinerary & {
        legs: FlightSummary[];
        layovers: { airport: string; minutes: number }[];
        price: object;
      })[] = [];
      for (const ids of candidates) {
        const legs = ids.map((id) => flights.get(id)).filter((f): f is FlightSummary => !!f);
        if (legs.length !== ids.length || Date.parse(legs[0].departureAt) <= now) continue;
        const time = legs[0].departureLocal.slice(11, 16);
        if ((q.departAfter && time < q.departAfter) || (q.departBefore && time > q.departBefore)) {
          continue;
        }
        const offers = await Promise.all(legs.map((l) => offer(l, q.cabin, q.passengers)));
        if (offers.some((o) => !o)) continue;
        const perPassenger = offers.reduce((sum, o) => sum + o!.unitPrice, 0);
        const total = perPassenger * q.passengers;
        if (q.maxPrice !== undefined && total > q.maxPrice) continue;
        const first = legs[0];
        const last = legs[legs.length - 1];
        results.push({
          id: ids.join("+"),
          stops: legs.length - 1,
          legs,
          layovers: legs.slice(1).map((l, i) => ({
            airport: l.origin.iata,
            minutes: Math.round(
              (Date.parse(l.departureAt) - Date.parse(legs[i].arrivalAt)) / 60_000,
            ),
          })),
          departureAt: first.departureAt,
          arrivalAt: last.arrivalAt,
          departureLocal: first.departureLocal,
          durationMinutes: Math.round(
            (Date.parse(last.arrivalAt) - Date.parse(first.departureAt)) / 60_000,
          ),
          seatsLeft: Math.min(...offers.map((o) => o!.seatsLeft)),
          totalPrice: total,
          price: { perPassenger, total, currency: first.currency },
          badges: [],
        });
      }
      const ranked = rankItineraries(results, q.sort);
      const start = (q.page - 1) * q.limit;
      return c.json({
        data: ranked.slice(start, start + q.limit),
        total: ranked.length,
        page: q.page,
        limit: q.limit,
      });
    })
    .get("/calendar", validate("query", CalendarQuery), async (c) => {
      const q = c.req.valid("query");
      const key = `calendar:v${await version()}:${q.from}:${q.to}:${q.month}:${q.cabin}`;
      const cached = await deps.store.get<unknown>(key);
      if (cached) return c.json(cached);
      const rows = await monthFlights(deps.db.sql, q.from, q.to, q.month);
      const flights = new Map(
        (await listFlightsByIds(deps.db.sql, rows.map((r) => r.id))).map((f) => [f.id, f]),
      );
      const cheapest = new Map<string, number>();
      for (const r of rows) {
        const flight = flights.get(r.id);
        if (!flight || Date.parse(flight.departureAt) <= deps.clock.now().getTime()) continue;
        const o = await offer(flight, q.cabin, 1);
        if (o && o.unitPrice < (cheapest.get(r.day) ?? Infinity)) cheapest.set(r.day, o.unitPrice);
      }
      const currency = flights.values().next().value?.currency ?? "USD";
      const body = {
        month: q.month,
        currency,
        days: [...cheapest].map(([date, price]) => ({ date, price })).sort((a, b) =>
          a.date.localeCompare(b.date)
        ),
      };
      // Live prices move: a calendar is a guide, cached briefly.
      await deps.store.set(key, body, 60_000);
      return c.json(body);
    });
}
