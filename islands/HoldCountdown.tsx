import { defineIsland } from "./island.ts";
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "./client/api.ts";
import { announceHoldExpired, onHoldExpired } from "./client/hold_events.ts";
import { formatCountdown } from "./client/time_format.ts";
import { HOLD_EXPIRED_TEXT, holdAnnouncement } from "./client/hold_clock.ts";
import { HoldExpired } from "./parts/HoldExpired.tsx";

/** Props of HoldCountdown. */
export interface HoldCountdownProps {
  bookingId: string;
  /** The server's expiry of the hold (ISO 8601). */
  expiresAt: string;
  /** The server's clock when it rendered the page (ISO 8601). */
  serverNow: string;
  /** For the form that holds the seats again once the hold expired. */
  csrf: string;
  holdAgainToken: string;
}

const RESYNC_MS = 30_000;

/**
 * How long the seats stay held, counted down to the server's expiry. The browser's wall
 * clock is never trusted: the time left comes from the server's clock at render time and
 * runs on the monotonic clock, and the booking is re-read every 30 s and whenever the tab
 * comes back, so a changed expiry, or a hold the server already ended, shows at once.
 */
function HoldCountdown(
  { bookingId, expiresAt, serverNow, csrf, holdAgainToken }: HoldCountdownProps,
) {
  const initial = Date.parse(expiresAt) - Date.parse(serverNow);
  const [left, setLeft] = useState(initial);
  const [ended, setEnded] = useState<"expired" | "paid" | undefined>(
    initial <= 0 ? "expired" : undefined,
  );
  const [said, setSaid] = useState("");
  // The deadline on performance.now()'s scale, whose zero is about when the page was asked for.
  const deadline = useRef(initial);
  const expiry = useRef(Date.parse(expiresAt));
  // The time left at the last tick: an announcement is due when a mark lies between.
  const last = useRef(initial);

  useEffect(() => {
    if (ended) return;
    let done = false;
    const finish = (how: "expired" | "paid") => {
      if (done) return;
      done = true;
      setEnded(how);
      setLeft(0);
      if (how === "expired") {
        setSaid(HOLD_EXPIRED_TEXT);
        announceHoldExpired(bookingId);
      }
    };
    const tick = () => {
      const ms = deadline.current - performance.now();
      setLeft(ms);
      const words = holdAnnouncement(last.current, ms);
      last.current = ms;
      if (words) setSaid(words);
      if (ms <= 0) finish("expired");
    };
    const resync = async () => {
      const res = await api<{ status: string; expiresAt: string | null }>(
        `/api/bookings/${bookingId}`,
      );
      if (!res.ok) return;
      if (res.data.status === "confirmed") return finish("paid");
      if (res.data.status !== "held" || !res.data.expiresAt) return finish("expired");
      const next = Date.parse(res.data.expiresAt);
      deadline.current += next - expiry.current;
      expiry.current = next;
      tick();
    };
    const visible = () => document.visibilityState === "visible" && resync();
    const timer = setInterval(tick, 1000);
    const sync = setInterval(resync, RESYNC_MS);
    const stop = onHoldExpired(bookingId, () => finish("expired"));
    document.addEventListener("visibilitychange", visible);
    tick();
    return () => {
      clearInterval(timer);
      clearInterval(sync);
      stop();
      document.removeEventListener("visibilitychange", visible);
    };
  }, [ended]);

  const spoken = <p class="visually-hidden" aria-live="assertive" aria-atomic="true">{said}</p>;
  if (ended === "expired") {
    return (
      <HoldExpired bookingId={bookingId} csrf={csrf} token={holdAgainToken}>{spoken}</HoldExpired>
    );
  }
  return (
    <section class="card hold" aria-labelledby="hold-title">
      <h2 id="hold-title">Seats held for you</h2>
      {ended === "paid"
        ? <p class="hold-time">Paid: the seats are yours.</p>
        : (
          <p class="hold-time">
            <span role="timer" aria-live="off" class="countdown">{formatCountdown(left)}</span>{" "}
            left to pay. The seats are released after that.
          </p>
        )}
      {spoken}
    </section>
  );
}

/** The HoldCountdown island, as pages embed it. */
export default defineIsland("HoldCountdown", HoldCountdown);
