/** View types of the schedule: a recurring series' preview. */

/** One dated flight of a series as the preview shows it. */
export interface PlannedFlight {
  date: string;
  departureLocal: string;
  arrivalLocal: string;
  departureAt?: string;
  arrivalAt?: string;
  /** Why this date cannot be created (it already flies, or its times do not exist). */
  problem?: string;
}
