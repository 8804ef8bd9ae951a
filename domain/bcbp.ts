/** The mandatory items of one leg of an IATA BCBP (Resolution 792) boarding pass. */
export interface BoardingPassLeg {
  lastName: string;
  firstName: string;
  pnr: string;
  from: string;
  to: string;
  carrier: string;
  flightNumber: string;
  /** Local departure date at the origin, "YYYY-MM-DD". */
  date: string;
  compartment: string;
  seat: string;
  checkInSequence: number;
  /** '1': checked in, boarding pass issued. */
  passengerStatus?: string;
}

/** Upper-case A–Z only: diacritics dropped (É→E), everything else becomes a space. */
function latin(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toUpperCase().replace(
    /[^A-Z ]/g,
    " ",
  )
    .replace(/\s+/g, " ").trim();
}

function field(value: string, width: number, pad: "left" | "right" = "right", fill = " "): string {
  const v = value.slice(0, width);
  return pad === "right" ? v.padEnd(width, fill) : v.padStart(width, fill);
}

/** Day of the year (1–366) of a "YYYY-MM-DD" date. */
export function julianDay(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
}

/**
 * Encodes one leg as the 60-character mandatory BCBP string: M, 1 leg, name (20),
 * E-ticket flag, PNR (7), from (3), to (3), carrier (3), flight (5), Julian date (3),
 * compartment (1), seat (4), check-in sequence (5), passenger status (1), "00".
 */
export function encodeBcbp(leg: BoardingPassLeg): string {
  const name = `${latin(leg.lastName)}/${latin(leg.firstName)}`;
  const flight = /^(\d{1,4})([A-Z]?)$/.exec(leg.flightNumber);
  if (!flight) throw new RangeError(`Not a flight number: ${leg.flightNumber}`);
  const seat = /^(\d{1,3})([A-Z])$/.exec(leg.seat);
  if (!seat) throw new RangeError(`Not a seat: ${leg.seat}`);
  const out = "M" + "1" +
    field(name, 20) +
    "E" +
    field(leg.pnr, 7) +
    field(leg.from, 3) +
    field(leg.to, 3) +
    field(leg.carrier, 3) +
    field(flight[1], 4, "left", "0") + (flight[2] || " ") +
    field(String(julianDay(leg.date)), 3, "left", "0") +
    field(leg.compartment, 1) +
    field(seat[1], 3, "left", "0") + seat[2] +
    field(String(leg.checkInSequence), 4, "left", "0") + " " +
    (leg.passengerStatus ?? "1") +
    "00";
  if (out.length !== 60) throw new RangeError(`BCBP must be 60 characters, got ${out.length}`);
  return out;
}
