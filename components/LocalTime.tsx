import { zoneAbbreviation } from "../domain/time.ts";
import { formatLocal } from "../islands/parts/FlightTable.tsx";

/**
 * A local time as passengers read it, followed by its airport's zone ("Fri 1 Mar, 07:40 CET",
 * or with `clock` only "07:40 CET"); the `<time>` carries the instant.
 */
export function LocalTime(
  { local, at, tz, clock }: {
    /** The wall-clock time at the airport, "YYYY-MM-DDTHH:MM". */
    local: string;
    /** The same instant, ISO 8601. */
    at: string;
    /** The airport's IANA zone. */
    tz: string;
    /** Only the time of day, without the date. */
    clock?: boolean;
  },
) {
  return (
    <>
      <time dateTime={at}>{clock ? local.slice(11, 16) : formatLocal(local)}</time>{" "}
      {zoneAbbreviation(at, tz)}
    </>
  );
}
