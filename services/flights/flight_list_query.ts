/** The flight list's query, as the operations API and the flights page take it. */
import { z } from "zod";
import { iataCode } from "../../domain/airport_code.ts";
import { FLIGHT_STATUSES } from "../../domain/flight_status.ts";
import { decodeCursor } from "../../domain/list_cursor.ts";

const cursor = z.string().refine((s) => decodeCursor(s) !== undefined, {
  message: "expected a cursor from this list's own links",
}).meta({ description: "Opaque keyset cursor from a previous page's next or prev" });

/** Query of `GET /api/admin/flights`: a local-date range (default the next 7 days) and filters. */
export const AdminFlightsQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  origin: iataCode.optional(),
  destination: iataCode.optional(),
  status: z.enum(FLIGHT_STATUSES).optional(),
  number: z.string().trim().toUpperCase().regex(/^[0-9]{1,4}[A-Z]?$/, "expected a flight number")
    .optional(),
  sort: z.enum(["departure", "number", "loadFactor"]).default("departure"),
  order: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Keyset paging: the page after or before a row, or the list's last page. */
  after: cursor.optional(),
  before: cursor.optional(),
  last: z.enum(["1"]).optional(),
});
