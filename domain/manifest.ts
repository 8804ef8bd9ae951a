/**
 * A flight's passenger manifest: every ticketed passenger with their seat, cabin, check-in
 * status, whether an exit-row seat is theirs to have, and the journey's flights either side.
 * Pure: the caller reads the passengers, the layout's exit rows and the connections.
 */
import { ageOn } from "./booking.ts";
import { csvLine } from "./csv_write.ts";

/** The youngest age at which a passenger may sit in an exit row. */
export const EXIT_ROW_MIN_AGE = 15;

/** One passenger on the flight as read from their ticket's coupon. */
export interface ManifestPassenger {
  bookingId: string;
  pnr: string;
  ticketNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  seat: string | null;
  cabin: string;
  /** The coupon's status: open, checked_in, boarded or flown. */
  status: string;
  checkinSequence: number | null;
}

/** A flight either side of this one in the passenger's journey, as the manifest names it. */
export interface ConnectingFlight {
  flight: string;
  airport: string;
  /** The instant it lands here (inbound) or leaves from here (outbound), ISO. */
  at: string;
}

/** One line of the manifest. */
export interface ManifestRow extends ManifestPassenger {
  exitRow: boolean;
  /** For a passenger in an exit row: whether they may sit there, and why not. */
  exitRowEligible: boolean | null;
  exitRowProblem: string | null;
  inbound: ConnectingFlight | null;
  outbound: ConnectingFlight | null;
}

/** Why a passenger may not sit in an exit row at `departure`, or null when they may. */
export function exitRowProblem(dateOfBirth: string | null, departure: Date): string | null {
  if (!dateOfBirth) return "age unknown (no date of birth)";
  const age = ageOn(dateOfBirth, departure);
  if (age < 2) return `infant (${age} at departure)`;
  if (age < EXIT_ROW_MIN_AGE) return `under ${EXIT_ROW_MIN_AGE} (${age} at departure)`;
  return null;
}

/** The row number of a seat like "14C", or undefined. */
function rowOf(seat: string): number | undefined {
  const m = /^(\d{1,3})[A-Z]$/.exec(seat);
  return m ? Number(m[1]) : undefined;
}

/**
 * The manifest in seat order (passengers without a seat last, by name): exit-row seats come
 * from the layout's exit rows per cabin; ineligible exit-row passengers are flagged.
 */
export function buildManifest(
  passengers: ManifestPassenger[],
  opts: {
    departureAt: Date;
    exitRows: Record<string, number[]>;
    connections: Map<string, { inbound?: ConnectingFlight; outbound?: ConnectingFlight }>;
  },
): ManifestRow[] {
  const rows = passengers.map((p): ManifestRow => {
    const row = p.seat ? rowOf(p.seat) : undefined;
    const exitRow = row !== undefined && (opts.exitRows[p.cabin] ?? []).includes(row);
    const problem = exitRow ? exitRowProblem(p.dateOfBirth, opts.departureAt) : null;
    const links = opts.connections.get(p.bookingId);
    return {
      ...p,
      exitRow,
      exitRowEligible: exitRow ? problem === null : null,
      exitRowProblem: problem,
      inbound: links?.inbound ?? null,
      outbound: links?.outbound ?? null,
    };
  });
  const key = (r: ManifestRow) => {
    const n = r.seat ? rowOf(r.seat) ?? 999 : 1000;
    return [n, r.seat ?? "", r.lastName, r.firstName] as const;
  };
  return rows.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] < kb[i]) return -1;
      if (ka[i] > kb[i]) return 1;
    }
    return 0;
  });
}

/** The manifest's CSV header. */
export const MANIFEST_COLUMNS = [
  "seat",
  "cabin",
  "last_name",
  "first_name",
  "pnr",
  "ticket",
  "status",
  "checkin_sequence",
  "exit_row",
  "exit_row_eligible",
  "exit_row_problem",
  "inbound_flight",
  "inbound_from",
  "inbound_arrival",
  "outbound_flight",
  "outbound_to",
  "outbound_departure",
] as const;

/** One manifest row as CSV cells, in MANIFEST_COLUMNS order. */
export function manifestCsvLine(r: ManifestRow): string {
  return csvLine([
    r.seat,
    r.cabin,
    r.lastName,
    r.firstName,
    r.pnr,
    r.ticketNumber,
    r.status,
    r.checkinSequence,
    r.exitRow ? "yes" : "no",
    r.exitRowEligible === null ? "" : r.exitRowEligible ? "yes" : "no",
    r.exitRowProblem,
    r.inbound?.flight,
    r.inbound?.airport,
    r.inbound?.at,
    r.outbound?.flight,
    r.outbound?.airport,
    r.outbound?.at,
  ]);
}

/** The whole manifest as CSV text, header first. */
export function manifestCsv(rows: ManifestRow[]): string {
  return csvLine(MANIFEST_COLUMNS) + rows.map(manifestCsvLine).join("");
}
