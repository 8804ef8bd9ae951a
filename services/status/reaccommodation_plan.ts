/**
 * A cancellation's dry run: who would be moved where and who would be offered a refund,
 * decided as reaccommodation would decide it but on the flights' current inventory, read
 * only. Nothing is held, so it is an estimate: seats may be sold before the cancellation.
 */
import { AppError, notFound } from "../../domain/app_error.ts";
import { cabinCounters } from "../../domain/inventory/state.ts";
import type { RebookingChoice } from "../../domain/reaccommodation.ts";
import type { Clock } from "../../domain/clock.ts";
import type { CabinCode } from "../../domain/seat_layout.ts";
import { flightLabels } from "../../db/admin_pages_repo.ts";
import { getFlight } from "../../db/flights_repo.ts";
import { listHeldOn } from "../../db/reaccommodation_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import type { ActorRegistry } from "../../actors/registry.ts";
import { rebookingAttempts } from "./reaccommodation.ts";

/** What a cancellation would do to a flight's passengers, as an estimate. */
export interface ReaccommodationPlan {
  flightId: string;
  /** Always true: nothing is held, so seats may move before the cancellation is confirmed. */
  estimate: true;
  /** Passengers on confirmed bookings. */
  passengersAffected: number;
  rebooked: {
    bookingId: string;
    pnr: string;
    passengers: number;
    cabin: CabinCode;
    flights: { flightId: string; label: string }[];
    /** Booked onward flights the new way replaces (a connection it could not keep). */
    replaced: string[];
  }[];
  refundOffered: { bookingId: string; pnr: string; passengers: number }[];
  /** Unpaid holds that would be given back. */
  holdsToRelease: number;
}

const FINAL = ["departed", "arrived", "cancelled"];

/** The reaccommodation a cancellation of `flightId` would run now; 409 once it cannot. */
export async function planReaccommodation(
  deps: { sql: Sql; clock: Clock; registry: ActorRegistry },
  flightId: string,
): Promise<ReaccommodationPlan> {
  const flight = await getFlight(deps.sql, flightId);
  if (!flight) throw notFound("Flight");
  if (FINAL.includes(flight.status)) {
    throw new AppError(409, "flight_not_editable", {
      detail: `The flight is ${flight.status}; it can no longer be cancelled.`,
    });
  }
  const free = new Map<string, number>();
  const seatsLeft = async (id: string, cabin: string) => {
    if (!free.has(`${id} ${cabin}`)) {
      for (const c of cabinCounters(await deps.registry.inventory(id))) {
        free.set(`${id} ${c.cabin}`, c.available);
      }
    }
    return free.get(`${id} ${cabin}`) ?? 0;
  };
  const fits = async (choice: RebookingChoice, n: number) => {
    for (const leg of choice.legs) {
      if (await seatsLeft(leg.flightId, choice.cabin) < n) return false;
    }
    return true;
  };
  const plan: ReaccommodationPlan = {
    flightId,
    estimate: true,
    passengersAffected: 0,
    rebooked: [],
    refundOffered: [],
    holdsToRelease: (await listHeldOn(deps.sql, flightId)).length,
  };
  const { stranded, attempts } = await rebookingAttempts(deps, flight);
  for (const b of stranded) {
    const n = b.passengers.length;
    plan.passengersAffected += n;
    let found: { choice: RebookingChoice; replaced: string[] } | undefined;
    for await (const { choices, replaced } of attempts(b)) {
      for (const choice of choices) {
        if (await fits(choice, n)) {
          found = { choice, replaced };
          break;
        }
      }
      if (found) break;
    }
    if (!found) {
      plan.refundOffered.push({ bookingId: b.id, pnr: b.pnr, passengers: n });
      continue;
    }
    // Seats this plan gives one booking are not there for the next.
    for (const leg of found.choice.legs) {
      const key = `${leg.flightId} ${found.choice.cabin}`;
      free.set(key, (free.get(key) ?? 0) - n);
    }
    plan.rebooked.push({
      bookingId: b.id,
      pnr: b.pnr,
      passengers: n,
      cabin: found.choice.cabin,
      flights: found.choice.legs.map((l) => ({ flightId: l.flightId, label: "" })),
      replaced: found.replaced,
    });
  }
  const labels = await flightLabels(
    deps.sql,
    [...new Set(plan.rebooked.flatMap((r) => r.flights.map((f) => f.flightId)))],
  );
  for (const r of plan.rebooked) for (const f of r.flights) f.label = labels[f.flightId] ?? "";
  return plan;
}
