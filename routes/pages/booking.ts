import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../context.ts";
import { bookingDetailsPages } from "./booking_details.tsx";
import { bookingCheckoutPages } from "./booking_checkout.tsx";
import { tripsListPages } from "./trips_list.tsx";
import { tripLookupPages } from "./trip_lookup.tsx";
import { tripPages } from "./trip_page.tsx";

/**
 * The passenger's way from a chosen flight to the ticket: passenger details, checkout,
 * trips (the literal /trips/lookup before /trips/:bookingId).
 */
export function bookingPages(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route("/", bookingDetailsPages(deps))
    .route("/", bookingCheckoutPages(deps))
    .route("/", tripsListPages(deps))
    .route("/", tripLookupPages(deps))
    .route("/", tripPages(deps));
}
