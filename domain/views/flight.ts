/** View types of flights: the passengers' summary, the operators' row and the live status. */
import type { CabinCode } from "../seat_layout.ts";

/** A flight as listed to passengers, with local times in each airport's zone. */
export interface FlightSummary {
  id: string;
  carrier: string;
  flightNumber: string;
  origin: { iata: string; city: string; tz: string };
  destination: { iata: string; city: string; tz: string };
  departureLocal: string;
  arrivalLocal: string;
  departureAt: string;
  arrivalAt: string;
  durationMinutes: number;
  aircraftType: string;
  aircraftName: string;
  status: string;
  /** When a delayed flight is now expected to leave (ISO instant); null when on time. */
  estimatedDepartureAt?: string | null;
  baseFares: Partial<Record<CabinCode, number>>;
  currency: string;
}

/** A flight as operators see it: schedule, aircraft, controls, status and load. */
export interface AdminFlight {
  id: string;
  carrier: string;
  flightNumber: string;
  origin: string;
  destination: string;
  departureLocal: string;
  arrivalLocal: string;
  departureAt: string;
  arrivalAt: string;
  aircraftType: string;
  /** The cabin configuration of the type it is sold with. */
  aircraftConfiguration: string;
  aircraftRegistration: string | null;
  status: string;
  gate: string | null;
  estimatedDepartureAt: string | null;
  /** When boarding started (actual time); null unless boarding, departed or arrived. */
  boardingAt: string | null;
  baseFares: Record<string, number>;
  overbooking: Record<string, number>;
  holdTtlSeconds: number | null;
  currency: string;
  seriesId: string | null;
  version: number;
  capacity: number;
  sold: number;
  held: number;
  loadFactor: number;
}

/** A flight's status as the status stream sends it (snapshot, and each change). */
export interface LiveStatus {
  status: string;
  reason: string | null;
  departureAt: string;
  arrivalAt: string;
  estimatedDepartureAt: string | null;
  estimatedArrivalAt: string | null;
  gate: string | null;
  /** When boarding started (actual time), while it is current. */
  boardingAt?: string | null;
  version: number;
  /** Only on changes: what happened. */
  kind?: string;
}

/** A published status change, as the operators' history shows it (times ISO 8601 UTC). */
export interface StatusHistoryEntry {
  version: number;
  kind: string;
  status: string;
  previousStatus: string | null;
  reason: string | null;
  gate: string | null;
  estimatedDepartureAt: string | null;
  boardingAt: string | null;
  createdAt: string;
}

/** What became of one booking after its flight was cancelled. */
export interface ReaccommodationLine {
  bookingId: string;
  pnr: string;
  status: string;
  /** The new flights in travel order (empty unless rebooked). */
  flightIds: string[];
  cabin: string | null;
  seats: string[];
  updatedAt: string;
}
