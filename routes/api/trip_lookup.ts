import { z } from "zod";
import { LookupQuery } from "../../services/bookings/booking_input.ts";
import { guestView } from "../../services/bookings/my_bookings.ts";
import { cancelOnRequest } from "../../services/bookings/cancel_booking.ts";
import { grantedBooking, grantedBookingWithLegs } from "../../services/trips/guest_trip.ts";
import type { AppDeps } from "../context.ts";
import { ANYONE, declare, documentedHeader, jsonBody, jsonResponse, router } from "../declare.ts";
import { countRequest } from "../middleware/limits.ts";
import { BoardingPasses, CheckIn, Trip } from "../responses.ts";
import { forgetGrant, headerGrant, headerTrip, openTrip, TRIP_HEADER } from "../trip_access.ts";
import { checkInAnswer, CheckInQuery, passesAnswer, PassesQuery } from "./checkin.ts";

const tags = ["Guest trips"];
const granted = {
  headers: z.object({
    [TRIP_HEADER]: documentedHeader("The token from POST /api/bookings/lookup.", true),
  }),
};

const open = declare({
  tags,
  method: "post",
  path: "/api/bookings/lookup",
  summary: "Open a trip with its PNR and a passenger's last name",
  roles: ANYONE,
  request: { body: jsonBody(LookupQuery) },
  responses: {
    200: jsonResponse(
      "A token for this one booking, valid 30 minutes: send it as X-Trip-Token",
      z.object({
        bookingId: z.uuid(),
        pnr: z.string(),
        token: z.string(),
        expiresAt: z.iso.datetime(),
      })
        .openapi("TripGrant"),
    ),
  },
});
const read = declare({
  tags,
  method: "get",
  path: "/api/bookings/lookup/trip",
  summary: "The opened trip",
  roles: ANYONE,
  request: granted,
  responses: { 200: jsonResponse("The trip, without contact details or payments", Trip) },
});
const checkIn = declare({
  tags,
  method: "post",
  path: "/api/bookings/lookup/check-in",
  summary: "Check in everyone on the opened trip (24 h to 45 min before)",
  roles: ANYONE,
  request: { ...granted, query: CheckInQuery },
  responses: { 200: jsonResponse("The coupons checked in", CheckIn) },
});
const passes = declare({
  tags,
  method: "get",
  path: "/api/bookings/lookup/boarding-passes",
  summary: "The opened trip's boarding passes (IATA BCBP, PDF417)",
  roles: ANYONE,
  request: { ...granted, query: PassesQuery },
  responses: { 200: jsonResponse("One pass per checked-in passenger per flight", BoardingPasses) },
});
const cancel = declare({
  tags,
  method: "post",
  path: "/api/bookings/lookup/cancel",
  summary: "Cancel the opened trip; refund by fare rule, as for its owner",
  roles: ANYONE,
  request: granted,
  responses: {
    200: jsonResponse(
      "The trip and the amount refunded; the token (every grant of the trip) ends with it",
      z.object({ trip: Trip, refunded: z.number().int() }).openapi("CancelledTrip"),
    ),
  },
});

const forget = declare({
  tags,
  method: "post",
  path: "/api/bookings/lookup/forget",
  summary: "End the token before its 30 minutes run out",
  roles: ANYONE,
  request: granted,
  responses: { 204: { description: "Revoked: the token now answers as an expired one" } },
});

/**
 * `/api/bookings/lookup/…`: a guest opens a trip with its PNR and a surname, then reads,
 * checks in, gets boarding passes, cancels it and forgets it with the token (mounted before
 * `/api/bookings/{id}/…`).
 */
export function tripLookupRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return router()
    .openapi(open, async (c) => {
      await countRequest(c, deps, "lookup");
      return c.json(await openTrip(c, deps, c.req.valid("json")));
    })
    .openapi(read, async (c) => {
      const booking = await grantedBooking(sql, await headerTrip(c, deps));
      return c.json(guestView(booking));
    })
    .openapi(checkIn, async (c) => {
      const id = await headerTrip(c, deps);
      await countRequest(c, deps, "checkin");
      const trip = await grantedBookingWithLegs(sql, id);
      return c.json(await checkInAnswer(deps, trip, c.req.valid("query")));
    })
    .openapi(passes, async (c) => {
      const trip = await grantedBookingWithLegs(sql, await headerTrip(c, deps));
      return c.json(await passesAnswer(deps, trip, c.req.valid("query")));
    })
    .openapi(cancel, async (c) => {
      const booking = await grantedBooking(sql, await headerTrip(c, deps));
      await countRequest(c, deps, "booking");
      const refunded = await cancelOnRequest({ ...deps, sql }, booking);
      return c.json({ trip: guestView(await grantedBooking(sql, booking.id)), refunded });
    })
    .openapi(forget, async (c) => {
      await forgetGrant(deps, await headerGrant(c, deps));
      return c.body(null, 204);
    });
}
