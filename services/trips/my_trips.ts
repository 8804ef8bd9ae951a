/** A passenger's own bookings, split into the trips ahead and the trips behind. */
import type { TripLine } from "../../domain/views/trip.ts";
import { listTrips } from "../../db/trips_repo.ts";
import type { TripDeps } from "./trip_view.ts";

/** The user's trips: upcoming (soonest first) and past (latest first). */
export async function myTrips(
  deps: TripDeps,
  userId: string,
): Promise<{ upcoming: TripLine[]; past: TripLine[] }> {
  const trips = await listTrips(deps.sql, userId);
  const now = deps.clock.now().getTime();
  const upcoming = trips.filter((t) => Date.parse(t.flight.departureAt) >= now);
  const past = trips.filter((t) => Date.parse(t.flight.departureAt) < now).reverse();
  return { upcoming, past };
}
