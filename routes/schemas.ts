import { z } from "zod";

/** `:id` of a booking. */
export const BookingIdParam = z.object({ id: z.uuid({ message: "expected a booking id" }) });
/** `:id` of a flight. */
export const FlightIdParam = z.object({ id: z.uuid({ message: "expected a flight id" }) });

/** A 3-letter IATA airport code, case-insensitive on input. */
export { iataCode } from "../domain/airport_code.ts";
