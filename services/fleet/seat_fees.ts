/**
 * Operators' seat fees: set for an aircraft type (every flight of it), or for one flight over
 * its type's. Fees change what new holds and seat changes cost; a booking keeps what it was
 * quoted for the seats it holds. Each change is audited.
 */
import { notFound } from "../../domain/app_error.ts";
import type { SeatFees } from "../../domain/seat_fees.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import {
  flightSeatFees,
  setFlightSeatFees,
  setTypeSeatFees,
  typeSeatFees,
} from "../../db/seat_fees_repo.ts";
import type { Actor } from "../actor.ts";

/** An aircraft type's seat fees (404 for an unknown type). */
export async function aircraftTypeFees(sql: Sql, code: string): Promise<SeatFees> {
  const fees = await typeSeatFees(sql, code);
  if (!fees) throw notFound("Aircraft type");
  return fees;
}

/** Sets an aircraft type's seat fees (404 for an unknown type). */
export async function setAircraftTypeFees(
  sql: Sql,
  actor: Actor,
  code: string,
  fees: SeatFees,
): Promise<SeatFees> {
  await sql.begin(async (tx) => {
    if (!await setTypeSeatFees(tx, code, fees)) throw notFound("Aircraft type");
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "aircraft_type.seat_fees",
      entityType: "aircraft_type",
      entityId: code,
      details: { after: fees },
    });
  });
  return fees;
}

/** A flight's seat fees and whether they are its own (else its type's); 404 for none. */
export async function flightFees(sql: Sql, flightId: string) {
  const fees = await flightSeatFees(sql, flightId);
  if (!fees) throw notFound("Flight");
  return fees;
}

/** Sets a flight's own seat fees, or with null goes back to its type's (404 for none). */
export async function setFlightFees(
  sql: Sql,
  actor: Actor,
  flightId: string,
  fees: SeatFees | null,
) {
  await sql.begin(async (tx) => {
    if (!await setFlightSeatFees(tx, flightId, fees)) throw notFound("Flight");
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "flight.seat_fees",
      entityType: "flight",
      entityId: flightId,
      details: { after: fees },
    });
  });
  return await flightFees(sql, flightId);
}
