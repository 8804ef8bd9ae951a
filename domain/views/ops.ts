/** View type of the operations board. */

/** One flight on the operations board. */
export interface OpsRow {
  id: string;
  /** "CT 804 FRA → LHR" */
  name: string;
  origin: string;
  originTz: string;
  departureLocal: string;
  departureAt: string;
  estimatedDepartureAt: string | null;
  /** When boarding started (actual time); null unless boarding, departed or arrived. */
  boardingAt: string | null;
  status: string;
  gate: string | null;
  version: number;
  capacity: number;
  sold: number;
  /** Tail (registration) of the airframe, when one is assigned. */
  registration: string | null;
  arrivalAt: string;
  estimatedArrivalAt: string | null;
  /** Destination airport's timezone, for the arrival column. */
  destinationTz: string;
  /** Crew assigned and the minimum complement the seats require. */
  crewAssigned: number;
  crewRequired: number;
  /** Live bookings connecting onward, and those the current arrival no longer makes. */
  connecting: number;
  atRisk: number;
  /** After a cancellation: what became of the passengers. */
  outcome?: { rebooked: number; refundOffered: number };
}

/** One operations alert as the board's panel lists it. */
export interface OpsAlertItem {
  seq: number;
  /** The alert's key (`ops-alert:<condition>:<flightId>`): the same on the ops stream. */
  key?: string;
  title: string;
  body: string;
  createdAt: string;
}
