/**
 * Operators' seat fees: set for a cabin configuration (every flight flying it), or for one
 * flight over its configuration's. Fees change what new holds and seat changes cost; a booking
 * keeps what it was quoted for the seats it holds. Each change is audited.
 */
import { notFound } from "../../domain/app_error.ts";
import type { SeatFees } from "../../domain/seat_fees.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import {
  configurationSeatFees,
  flightSeatFees,
  setConfigurationSeatFees,
  setFlightSeatFees,
} from "../../db/seat_fees_repo.ts";
import type { Actor } from "../actor.ts";

/** Names one configuration of a type. */
export interface ConfigurationId {
  typeCode: string;
  code: string;
}

/** A configuration's seat fees (404 for an unknown type or configuration). */
export async function configurationFees(sql: Sql, id: ConfigurationId): Promise<SeatFees> {
  const fees = await configurationSeatFees(sql, id.typeCode, id.code);
  if (!fees) throw notFound("Aircraft configuration");
  return fees;
}

/** Sets a configuration's seat fees (404 for an unknown type or configuration). */
export async function setConfigurationFees(
  sql: Sql,
  actor: Actor,
  id: ConfigurationId,
  fees: SeatFees,
): Promise<SeatFees> {
  await sql.begin(async (tx) => {
    const before = await configurationSeatFees(tx, id.typeCode, id.code);
    if (!await setConfigurationSeatFees(tx, id, fees)) throw notFound("Aircraft configuration");
    await recordAudit(tx, {
      actorId: actor.userId,
      requestId: actor.requestId,
      action: "aircraft_configuration.seat_fees",
      entityType: "aircraft_configuration",
      entityId: `${id.typeCode}/${id.code}`,
      details: { before, after: fees },
    });
  });
  return fees;
}

/** A flight's seat fees and whether they are its own (else its configuration's); 404 for none. */
export async function flightFees(sql: Sql, flightId: string) {
  const fees = await flightSeatFees(sql, flightId);
  if (!fees) throw notFound("Flight");
  return fees;
}

/** Sets a flight's own seat fees, or with null goes back to its configuration's (404 for none). */
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
