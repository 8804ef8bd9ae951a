/** A flight's passenger manifest for operators: JSON for screens, CSV for the gate. */
import { notFound } from "../../domain/app_error.ts";
import { buildManifest, type ConnectingFlight, manifestCsv } from "../../domain/manifest.ts";
import { getAdminFlight } from "../../db/admin_flights_repo.ts";
import { listOnwardFlights } from "../../db/flight_audience_repo.ts";
import {
  flightExitRows,
  listInboundFlights,
  listManifestPassengers,
} from "../../db/manifest_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** The flight and its manifest rows; 404 for no such flight. */
export async function flightManifest(sql: Sql, flightId: string) {
  const flight = await getAdminFlight(sql, flightId);
  if (!flight) throw notFound("Flight");
  const [passengers, exitRows, inbound, outbound] = await Promise.all([
    listManifestPassengers(sql, flight.id),
    flightExitRows(sql, flight.id),
    listInboundFlights(sql, flight.id),
    listOnwardFlights(sql, flight.id),
  ]);
  const connections = new Map<
    string,
    { inbound?: ConnectingFlight; outbound?: ConnectingFlight }
  >();
  for (const i of inbound) {
    connections.set(i.bookingId, {
      inbound: {
        flight: `${i.carrier} ${i.flightNumber}`,
        airport: i.origin,
        at: i.arrivalAt.toISOString(),
      },
    });
  }
  for (const o of outbound) {
    connections.set(o.bookingId, {
      ...connections.get(o.bookingId),
      outbound: {
        flight: `${o.carrier} ${o.flightNumber}`,
        airport: o.destination,
        at: o.departureAt.toISOString(),
      },
    });
  }
  const rows = buildManifest(passengers, {
    departureAt: new Date(flight.departureAt),
    exitRows,
    connections,
  });
  const summary = {
    passengers: rows.length,
    checkedIn: rows.filter((r) => r.status !== "open").length,
    exitRowProblems: rows.filter((r) => r.exitRowEligible === false).length,
    connectingIn: rows.filter((r) => r.inbound).length,
    connectingOut: rows.filter((r) => r.outbound).length,
  };
  return { flight, summary, passengers: rows };
}

/** The manifest as a CSV file: its name and its text. */
export function manifestFile(data: Awaited<ReturnType<typeof flightManifest>>) {
  const f = data.flight;
  return {
    filename: `manifest-${f.carrier}${f.flightNumber}-${f.departureLocal.slice(0, 10)}.csv`,
    csv: manifestCsv(data.passengers),
  };
}
