/** View types of a passenger's trips: the list, what became of a booking, boarding passes. */
import type { PassLocalTimes } from "../boarding.ts";

/** One line of a passenger's trip list: the booking and its next (or first) flight. */
export interface TripLine {
  id: string;
  pnr: string;
  status: string;
  cabin: string;
  passengers: number;
  total: number;
  currency: string;
  createdAt: string;
  flight: {
    id: string;
    carrier: string;
    flightNumber: string;
    origin: string;
    originCity: string;
    /** The origin airport's IANA zone. */
    originTz: string;
    destination: string;
    destinationCity: string;
    departureLocal: string;
    departureAt: string;
    status: string;
  };
  /** Where the journey's outbound ends (the flight's destination when it is direct). */
  finalDestination: string;
  finalDestinationCity: string;
  /** How many flights the booking has (held or confirmed, else all). */
  legs: number;
}

/** What the airline did with a booking after cancelling its flight, if anything. */
export interface Reaccommodation {
  status: "rebooked" | "refund_offered" | "refunded";
  fromFlightId: string;
  /** The new flights in travel order (empty unless rebooked). */
  flightIds: string[];
  cabin: string | null;
  updatedAt: string;
}

/** A boarding pass ready to show: its barcode as a data: URI, and the BCBP text behind it. */
export interface PassView {
  ticket: string;
  passenger: string;
  seat: string | null;
  sequence: number | null;
  bcbp: string;
  barcodeUri: string;
}

/** One flight of a boarding pass as printed: all a gate agent reads about it. */
export interface PassFlight {
  flightId: string;
  carrier: string;
  flightNumber: string;
  origin: { iata: string; city: string; tz: string };
  destination: { iata: string; city: string; tz: string };
  /** Departure (the estimate when the flight is delayed), ISO 8601 UTC. */
  departureAt: string;
  /** When boarding starts, ISO 8601 UTC. */
  boardingAt: string;
  /** The date and both times local at the origin, with the zone, as the pass prints them. */
  local: PassLocalTimes;
  /** The gate, or null while it is to be announced. */
  gate: string | null;
  /** Boarding group, 1 (boards first) to 5. */
  group: number;
  cabin: string;
  seat: string;
  sequence: number;
}

/** A printable boarding pass for one passenger on one flight. */
export interface PassCard extends PassFlight {
  /** The 13-digit e-ticket number. */
  ticket: string;
  passenger: string;
  bcbp: string;
  barcodeUri: string;
}

/**
 * A boarding pass as the API sends it: its (first) flight's facts, every flight it covers
 * (`legs`, several on a multi-leg pass), the BCBP and its PDF417 barcode.
 */
export interface PassDetail extends PassFlight {
  /** The 13-digit e-ticket number. */
  ticket: string;
  passenger: string;
  flightIds: string[];
  legs: PassFlight[];
  bcbp: string;
  barcode: { format: "pdf417"; svg: string };
}
