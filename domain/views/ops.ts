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
  status: string;
  gate: string | null;
  version: number;
  capacity: number;
  sold: number;
  /** After a cancellation: what became of the passengers. */
  outcome?: { rebooked: number; refundOffered: number };
}
