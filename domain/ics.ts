/** One flight as a calendar event. */
export interface CalendarFlight {
  uid: string;
  summary: string;
  description: string;
  location: string;
  start: Date;
  end: Date;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** RFC 5545 text escaping: backslash, semicolon, comma and newlines. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(
    /\r?\n/g,
    "\\n",
  );
}

/** Folds a content line at 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** An iCalendar document with one event per flight; `now` is the DTSTAMP. */
export function itineraryIcs(flights: CalendarFlight[], now: Date): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Contrail//Itinerary//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
  ];
  for (const f of flights) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${f.uid}`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART:${stamp(f.start)}`,
      `DTEND:${stamp(f.end)}`,
      `SUMMARY:${escapeText(f.summary)}`,
      `DESCRIPTION:${escapeText(f.description)}`,
      `LOCATION:${escapeText(f.location)}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** The parts of a flight a calendar event shows. */
export interface BookedFlight {
  id: string;
  carrier: string;
  flightNumber: string;
  origin: { iata: string; city: string };
  destination: { iata: string };
  departureAt: string;
  arrivalAt: string;
}

/** A journey's calendar: one event per flight, in travel order, each with its seats. */
export function bookingIcs(
  legs: { flight: BookedFlight; seats: string[] }[],
  pnr: string,
  now: Date,
): string {
  return itineraryIcs(
    legs.map(({ flight, seats }) => ({
      uid: `${pnr}-${flight.id}@contrail`,
      summary:
        `${flight.carrier} ${flight.flightNumber} ${flight.origin.iata} → ${flight.destination.iata}`,
      description: `Booking ${pnr}. Seats: ${seats.join(", ") || "assigned at check-in"}.`,
      location: `${flight.origin.city} (${flight.origin.iata})`,
      start: new Date(flight.departureAt),
      end: new Date(flight.arrivalAt),
    })),
    now,
  );
}
