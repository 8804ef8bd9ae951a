import type { Sql } from "../db/postgres.ts";
import { insertHeldBooking } from "../db/bookings_repo.ts";
import {
  claimNextWaitlistEntry,
  markWaitlistOffered,
  requeueWaitlistEntry,
} from "../db/waitlist_repo.ts";
import { pnrFromBytes } from "../domain/booking.ts";
import type { CabinCode } from "../domain/seat_layout.ts";
import { getFlight } from "../db/flights_repo.ts";
import { emailFlight, type NotifierDeps } from "../notifications/notifier.ts";
import { enqueue } from "../notifications/notices.ts";
import type { ActorRegistry } from "../actors/registry.ts";

/** What waitlist promotion needs. */
export interface WaitlistDeps {
  sql: Sql;
  kv: Deno.Kv;
  registry: ActorRegistry;
  /** Told when the offer's notice was queued, so it goes out now. */
  notifier?: Pick<NotifierDeps, "noticeQueued">;
}

/**
 * Offers freed seats to the flight's waitlist, oldest entry first: each entry that now fits
 * gets a hold through the actor (so the normal hold time applies), a held booking and a
 * queued offer notice. Claiming an entry is one UPDATE, so two processes never offer twice.
 * Returns how many entries were offered seats.
 */
export async function promoteWaitlist(deps: WaitlistDeps, flightId: string): Promise<number> {
  let offered = 0;
  for (;;) {
    const entry = await claimNextWaitlistEntry(deps.sql, flightId);
    if (!entry) return offered;
    const holdId = crypto.randomUUID().replaceAll("-", "").slice(0, 16);
    const result = await deps.registry.send(flightId, {
      type: "HoldSeats",
      holdId,
      owner: entry.userId,
      cabin: entry.cabin as CabinCode,
      count: entry.seatCount,
    });
    if (!result.ok) {
      // Still full (or the party does not fit yet): back in line, keep its place.
      await requeueWaitlistEntry(deps.sql, entry.id);
      return offered;
    }
    const hold = result.hold!;
    // The held seats belong to a flight that exists: its actor just answered.
    const flight = (await getFlight(deps.sql, flightId))!;
    const bookingId = crypto.randomUUID();
    let pnr = "";
    for (let attempt = 0; attempt < 8; attempt++) {
      pnr = pnrFromBytes(crypto.getRandomValues(new Uint8Array(6)));
      const ok = await insertHeldBooking(deps.sql, {
        id: bookingId,
        pnr,
        userId: entry.userId,
        segments: [{
          flightId,
          cabin: entry.cabin,
          holdId,
          seats: hold.seats,
          unitPrice: hold.unitPrice,
        }],
        total: hold.unitPrice * hold.count,
        currency: flight.currency,
        expiresAt: new Date(hold.expiresAt),
        passengers: entry.passengers,
      });
      if (ok) break;
    }
    await markWaitlistOffered(deps.sql, entry.id, bookingId);
    const expires = new Date(hold.expiresAt).toISOString().slice(0, 16).replace("T", " ");
    const offer = {
      userId: entry.userId,
      kind: "waitlist_offer" as const,
      title: `Seats for you on ${flight.carrier} ${flight.flightNumber}`,
      body: `Seats ${
        hold.seats.join(", ")
      } are held for you until ${expires} UTC. Pay before then to keep them.`,
      data: { bookingId, pnr, flightId, expiresAt: hold.expiresAt },
      dedupeKey: `waitlist:${entry.id}`,
    };
    // The seats are held already: the offer goes out through the notice outbox, so a failed
    // email never puts the entry back in line.
    await enqueue(deps.sql, [{
      topic: "user",
      notice: {
        ...offer,
        email: {
          payload: {
            pnr,
            flight: emailFlight(flight),
            seats: hold.seats,
            expiresAt: `${expires} UTC`,
          },
          bookingId,
          requiresStatus: ["held"],
        },
      },
    }]);
    deps.notifier?.noticeQueued?.();
    offered++;
  }
}
