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
