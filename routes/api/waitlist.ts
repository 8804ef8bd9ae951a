import { z } from "zod";
import { CABIN_CODES } from "../../domain/seat_layout.ts";
import { joinWaitlist } from "../../services/bookings/join_waitlist.ts";
import { actorOf } from "../actor.ts";
import { countRequest } from "../middleware/limits.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, SIGNED_IN } from "../declare.ts";
import { FlightIdParam } from "../schemas.ts";
import { CreateBooking } from "../../services/bookings/booking_input.ts";
import { WaitlistEntry } from "../responses.ts";

/** Body of `POST /api/flights/:id/waitlist`. */
export const JoinWaitlist = z.object({
  cabin: z.enum(CABIN_CODES),
  passengers: CreateBooking.shape.passengers,
});

const join = declare({
  method: "post",
  path: "/api/flights/{id}/waitlist",
  tags: ["Bookings"],
  summary: "Wait for seats in a full cabin",
  roles: SIGNED_IN,
  request: { params: FlightIdParam, body: jsonBody(JoinWaitlist) },
  responses: { 201: jsonResponse("The place on the waitlist", WaitlistEntry) },
});

/** `POST /api/flights/:id/waitlist`: wait for seats in a full cabin. */
export function waitlistRoutes(deps: AppDeps) {
  return router().openapi(join, async (c) => {
    await countRequest(c, deps, "waitlist");
    const entry = await joinWaitlist({ ...deps, sql: deps.db.sql }, actorOf(c), {
      flightId: c.req.valid("param").id,
      ...c.req.valid("json"),
    });
    return c.json(entry, 201);
  });
}
