import { defineIsland } from "./island.ts";
import { useEffect, useState } from "preact/hooks";
import { onNotification } from "./client/notification_events.ts";
import { swapPartial } from "./client/partial.ts";

/** Props of TripLive. */
export interface TripLiveProps {
  bookingId: string;
  /** The id of the page's region that shows the booking, swapped when it changes. */
  region: string;
}

/**
 * Notices after which the booking itself reads differently (its flights, seats, status or the
 * actions left). A delay, a gate or boarding is the status section's own live news: swapping
 * the region for it would only cut that announcement short.
 */
const CHANGES_BOOKING = new Set([
  "flight_cancelled",
  "flight_rebooked",
  "flight_refund_offered",
  "booking_confirmed",
  "booking_cancelled",
  "booking_refunded",
  "booking_changed",
  "seat_changed",
  "hold_expired",
]);

/**
 * Keeps the trip page true while it is open: every notice about this booking (a cancelled
 * flight, a rebooking, a refund offer, a change by an agent), as the bell receives it, has the
 * booking's region rendered again by the server (flights, seats, status, check-in and the
 * actions that still apply), and the change is read out.
 */
function TripLive({ bookingId, region }: TripLiveProps) {
  const [said, setSaid] = useState("");
  useEffect(() => {
    // One refresh at a time, in the order the notices came: the last one shows last.
    let queue = Promise.resolve();
    return onNotification((n) => {
      if (n.data?.bookingId !== bookingId || !CHANGES_BOOKING.has(n.kind)) return;
      queue = queue.then(async () => {
        if (await swapPartial(`/trips/${bookingId}`, region)) {
          setSaid(`${n.title}. Your trip below is up to date.`);
        }
      });
    });
  }, []);
  return <p class="visually-hidden" role="status" aria-atomic="true">{said}</p>;
}

/** The TripLive island, as pages embed it. */
export default defineIsland("TripLive", TripLive);
