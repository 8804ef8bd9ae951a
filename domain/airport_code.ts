import { z } from "zod";

/** A 3-letter IATA airport code, case-insensitive on input. */
export const iataCode = z.string().trim().toUpperCase().regex(
  /^[A-Z]{3}$/,
  "expected a 3-letter IATA code",
);
