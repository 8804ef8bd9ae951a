/** Load factor, revenue, bookings and crew hours for the operations charts. */
import { daysInRange, hourWindow, loadFactor, revenueList } from "../../domain/reports.ts";
import {
  bookingsPerHour,
  crewHours,
  dailyReport,
  flightReport,
  type GroupTotals,
  routeReport,
} from "../../db/reports_repo.ts";
import type { Sql } from "../../db/postgres.ts";

const SEATS = {
  capacity: "seats of the aircraft type",
  sold: "seats: tickets open, checked in, boarded or flown",
  loadFactor: "ratio sold / capacity, 4 decimals (above 1 only when overbooked)",
  revenue: "[{currency, amount}]: integer minor units per ISO 4217 currency, never summed across",
};
const TOTALS = {
  ...SEATS,
  flights: "flights not cancelled",
  cancelled: "cancelled flights, left out of capacity, sold and revenue",
};

function totals(g: GroupTotals, currencies: readonly string[] = g.currencies) {
  return {
    flights: g.flights,
    cancelled: g.cancelled,
    capacity: g.capacity,
    sold: g.sold,
    loadFactor: loadFactor(g.sold, g.capacity),
    revenue: revenueList(g.money, currencies),
  };
}

/** Load factor and revenue per flight departing in a range of local dates, a page at a time. */
export async function flightsReport(
  sql: Sql,
  q: Omit<Parameters<typeof flightReport>[1], "offset"> & { page: number },
) {
  const { rows, total } = await flightReport(sql, { ...q, offset: (q.page - 1) * q.limit });
  const data = rows.map((r) => ({
    id: r.id,
    carrier: r.carrier,
    flightNumber: r.flightNumber,
    origin: r.origin,
    destination: r.destination,
    departureLocal: r.departureLocal,
    departureAt: r.departureAt.toISOString(),
    status: r.status,
    capacity: r.capacity,
    sold: r.sold,
    loadFactor: loadFactor(r.sold, r.capacity),
    revenue: revenueList(r.money, [r.currency]),
    currency: r.currency,
  }));
  const units = {
    ...SEATS,
    departureLocal: "local time at the origin",
    departureAt: "UTC",
    currency: "the flight's fare currency",
  };
  const { from, to, sort, page, limit } = q;
  return { from, to, sort, page, limit, total, units, data };
}

/** Seat-weighted load factor and revenue per route. */
export async function routesReport(sql: Sql, range: { from: string; to: string }) {
  const rows = await routeReport(sql, range);
  const data = rows.map((r) => ({ origin: r.origin, destination: r.destination, ...totals(r) }));
  return { ...range, units: TOTALS, data };
}

/** Load factor and revenue per local departure date, days without flights included. */
export async function dailyTotals(sql: Sql, range: { from: string; to: string }) {
  const rows = await dailyReport(sql, range, daysInRange(range.from, range.to));
  // Every point lists every currency of the range, so each series has a value per day.
  const currencies = [
    ...new Set(rows.flatMap((r) => [...r.currencies, ...Object.keys(r.money ?? {})])),
  ].sort();
  const data = rows.map((r) => ({ date: r.date, ...totals(r, currencies) }));
  const units = { date: "local departure date", ...TOTALS };
  return { ...range, currencies, units, data };
}

/** Bookings created, confirmed, cancelled and expired per UTC hour of a range. */
export async function hourlyBookings(sql: Sql, range: { from: string; to: string }) {
  const w = hourWindow(new Date(range.from), new Date(range.to));
  const rows = await bookingsPerHour(sql, w);
  const data = rows.map(({ hour, ...counts }) => ({
    hour: new Date(w.start.getTime() + hour * 3_600_000).toISOString(),
    ...counts,
  }));
  const units = {
    hour: "start of the UTC hour",
    created: "bookings created (seats held)",
    confirmed: "bookings confirmed (paid)",
    cancelled: "bookings cancelled or refunded",
    expired: "holds that expired unpaid",
  };
  return { from: w.start.toISOString(), to: w.end.toISOString(), units, data };
}

/** Flights, block and duty minutes per crew member, most block time first. */
export async function crewHoursReport(sql: Sql, q: Parameters<typeof crewHours>[1]) {
  const data = await crewHours(sql, q);
  const units = {
    flights: "flights not cancelled departing in the range",
    blockMinutes: "minutes, departure to arrival (estimated or actual when published)",
    dutyMinutes: "minutes, report 60 min before departure to 30 min after arrival; " +
      "legs whose duty spans overlap share one duty",
    duties: "duty periods",
  };
  return { from: q.from, to: q.to, units, data };
}
