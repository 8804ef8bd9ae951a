import { z } from "zod";
import {
  bookingSegments,
  CreateBooking,
  ListQuery,
  LookupQuery,
  SeatsBody,
} from "../../services/bookings/booking_input.ts";
import { holdBooking } from "../../services/bookings/hold_booking.ts";
import { changeSeats } from "../../services/bookings/change_seats.ts";
import { bookingFor, listMyBookings, lookupTrip } from "../../services/bookings/my_bookings.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import {
  ANYONE,
  declare,
  documentedHeader,
  jsonBody,
  jsonResponse,
  router,
  SIGNED_IN,
} from "../declare.ts";
import { limitOf } from "../middleware/limits.ts";
import { countPnr } from "../trip_access.ts";
import { BookingIdParam } from "../schemas.ts";
import { withIdempotency } from "../idempotency.ts";
import { Booking, BookingPage, HeldBooking, Trip } from "../responses.ts";

/** `/api/bookings`: hold seats into a booking, read, look up, change seats. */
export function bookingRoutes(deps: AppDeps) {
  const limited = limitOf(deps, "booking");
  const tags = ["Bookings"];
  const hold = declare({
    tags,
    method: "post",
    path: "/api/bookings",
    summary: "Hold seats into a booking",
    roles: SIGNED_IN,
    middleware: [limited],
    request: {
      body: jsonBody(CreateBooking),
      headers: z.object({
        "Idempotency-Key": documentedHeader(
          "Retries with the same key get the first answer; 1-128 characters.",
        ),
      }),
    },
    responses: {
      201: jsonResponse("The held booking: PNR, seats, price, hold expiry", HeldBooking),
    },
  });
  const list = declare({
    tags,
    method: "get",
    path: "/api/bookings",
    summary: "My bookings",
    roles: SIGNED_IN,
    request: { query: ListQuery },
    responses: { 200: jsonResponse("A page of my bookings, newest first", BookingPage) },
  });
  const lookup = declare({
    tags,
    method: "get",
    path: "/api/bookings/lookup",
    summary: "Find a trip by PNR and last name",
    roles: ANYONE,
    middleware: [limitOf(deps, "lookup")],
    request: { query: LookupQuery },
    responses: { 200: jsonResponse("The trip, without contact details or payments", Trip) },
  });
  const read = declare({
    tags,
    method: "get",
    path: "/api/bookings/{id}",
    summary: "A booking with tickets and payments",
    roles: SIGNED_IN,
    request: { params: BookingIdParam },
    responses: { 200: jsonResponse("The booking (mine, or any for staff)", Booking) },
  });
  const seats = declare({
    tags,
    method: "patch",
    path: "/api/bookings/{id}/seats",
    summary: "Change seats while held",
    roles: SIGNED_IN,
    middleware: [limited],
    request: { params: BookingIdParam, body: jsonBody(SeatsBody) },
    responses: { 200: jsonResponse("The booking with its new seats", Booking) },
  });
  return router()
    .openapi(hold, (c) => {
      const body = c.req.valid("json");
      return withIdempotency(c, deps.store, "booking", body, async () => {
        const principal = c.get("principal");
        const booking = await holdBooking({ ...deps, sql: deps.db.sql }, {
          segments: bookingSegments(body),
          passengers: body.passengers,
          userId: principal.userId!,
          email: principal.email,
        });
        return c.json(booking, 201);
      }, {
        // Kept as ids at rest (no passenger data in the store), rebuilt when replayed.
        keep: (text) => {
          const b = JSON.parse(text);
          return JSON.stringify({ id: b.id, unitPrice: b.unitPrice });
        },
        restore: async (kept) => {
          const { id, unitPrice } = JSON.parse(kept);
          const booking = await bookingFor(deps.db.sql, actorOf(c), id);
          return JSON.stringify({ ...booking, unitPrice });
        },
      });
    })
    .openapi(list, async (c) => {
      const { limit, page } = c.req.valid("query");
      const data = await listMyBookings(deps.db.sql, actorOf(c), { limit, page });
      return c.json({ data, page, limit });
    })
    .openapi(lookup, async (c) => {
      const query = c.req.valid("query");
      await countPnr(c, deps, query.pnr);
      return c.json(await lookupTrip(deps.db.sql, query));
    })
    .openapi(read, async (c) => {
      return c.json(await bookingFor(deps.db.sql, actorOf(c), c.req.valid("param").id));
    })
    .openapi(seats, async (c) => {
      const booking = await changeSeats({ ...deps, sql: deps.db.sql }, actorOf(c), {
        bookingId: c.req.valid("param").id,
        ...c.req.valid("json"),
      });
      return c.json(booking);
    });
}
