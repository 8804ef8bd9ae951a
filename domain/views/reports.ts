/** View types of the operators' dashboard. */

/** Bookings over time: per hour for short ranges, per day for long ones. */
export interface BookingSeries {
  unit: "hour" | "day";
  /** Start of each bucket, ISO 8601 UTC. */
  starts: string[];
  created: number[];
  confirmed: number[];
  cancelled: number[];
  expired: number[];
}

/** The dashboard's figures: the daily report and the bookings series of a date range. */
export interface DashboardFigures {
  /** Local departure dates, "YYYY-MM-DD". */
  days: string[];
  flights: number[];
  sold: number[];
  capacity: number[];
  loadFactor: number[];
  /** Revenue per currency and day, in minor units. */
  revenue: { currency: string; amounts: number[] }[];
  bookings: BookingSeries;
}
