/** View types of the fleet: aircraft types as the operators' list shows them. */
import type { CabinCode } from "../seat_layout.ts";

/** An aircraft type with its seats per cabin and how much it flies. */
export interface AircraftTypeRow {
  code: string;
  name: string;
  manufacturer: string;
  seatCount: number;
  cruiseKmh: number;
  rangeKm: number;
  activeAircraft: number;
  cabins: Partial<Record<CabinCode, number>>;
  upcomingFlights: number;
}

/** An airframe: its type, the cabin configuration of the type it is fitted with. */
export interface AirframeSummary {
  registration: string;
  typeCode: string;
  configCode: string;
  name: string | null;
  active: boolean;
}

/** An airframe as the fleet list shows it, with the flights not yet departed it flies. */
export interface AirframeRow extends AirframeSummary {
  upcomingFlights: number;
}

/** A flight not yet departed an airframe is assigned to. */
export interface AirframeFlight {
  id: string;
  carrier: string;
  flightNumber: string;
  departureAt: string;
  configuration: string;
}

/** One airframe with the configurations it may be fitted with and its flights ahead. */
export interface AirframeView {
  aircraft: AirframeSummary;
  configurations: { code: string; name: string; seatCount: number; isDefault: boolean }[];
  upcoming: { total: number; first: AirframeFlight[] };
}

/** What refitting an airframe did (see services/fleet/aircraft_refit.ts). */
export interface RefitResult {
  aircraft: AirframeSummary;
  changed: boolean;
  flights: {
    id: string;
    carrier: string;
    flightNumber: string;
    bookingsMoved: number;
    departureAt: string;
  }[];
  refused: { id: string; carrier: string; flightNumber: string; detail: string }[];
}
