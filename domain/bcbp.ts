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

/** The 35 repeated mandatory characters of one leg, then its conditional-field size "00". */
function legSection(leg: BoardingPassLeg): string {
  const flight = /^(\d{1,4})([A-Z]?)$/.exec(leg.flightNumber);
  if (!flight) throw new RangeError(`Not a flight number: ${leg.flightNumber}`);
  const seat = /^(\d{1,3})([A-Z])$/.exec(leg.seat);
  if (!seat) throw new RangeError(`Not a seat: ${leg.seat}`);
  return field(leg.pnr, 7) +
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
}

/**
 * Encodes one passenger's legs (1-4, the same passenger on each) as one BCBP string: M, the
 * number of legs, name (20), E-ticket flag, then per leg PNR (7), from (3), to (3), carrier
 * (3), flight (5), Julian date (3), compartment (1), seat (4), check-in sequence (5),
 * passenger status (1) and the size of its conditional items ("00": none). 23 + 37 per leg.
 */
export function encodeBcbpLegs(legs: BoardingPassLeg[]): string {
  if (legs.length < 1 || legs.length > 4) throw new RangeError("A BCBP has 1 to 4 legs.");
  const name = `${latin(legs[0].lastName)}/${latin(legs[0].firstName)}`;
  const out = "M" + String(legs.length) + field(name, 20) + "E" +
    legs.map(legSection).join("");
  if (out.length !== 23 + 37 * legs.length) {
    throw new RangeError(`BCBP must be ${23 + 37 * legs.length} characters, got ${out.length}`);
  }
  return out;
}

/** Encodes one leg as the 60-character mandatory BCBP string. */
export function encodeBcbp(leg: BoardingPassLeg): string {
  return encodeBcbpLegs([leg]);
}
