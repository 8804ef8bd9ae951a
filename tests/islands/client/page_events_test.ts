/** The DOM events islands tell each other on a page: seats changed, a notification arrived. */
import assert from "node:assert/strict";
import { announceSeatsChanged, onSeatsChanged } from "../../../islands/client/seat_events.ts";
import {
  announceNotification,
  onNotification,
} from "../../../islands/client/notification_events.ts";
import type { Notification } from "../../../domain/views/notification.ts";

/** Runs `fn` with a bare EventTarget as the page's document. */
function withDocument(fn: () => void) {
  const g = globalThis as { document?: EventTarget };
  const before = g.document;
  g.document = new EventTarget();
  try {
    fn();
  } finally {
    g.document = before;
  }
}

Deno.test("seat events: a booking's listeners hear its new seats, not another booking's, until they stop", () =>
  withDocument(() => {
    const heard: string[][] = [];
    const stop = onSeatsChanged("b1", (c) => heard.push(c.segments.flatMap((g) => g.seats)));
    announceSeatsChanged({ bookingId: "b2", segments: [{ flightId: "f", seats: ["9C"] }] });
    announceSeatsChanged({ bookingId: "b1", segments: [{ flightId: "f", seats: ["4A", "4B"] }] });
    stop();
    announceSeatsChanged({ bookingId: "b1", segments: [{ flightId: "f", seats: ["5A"] }] });
    assert.deepEqual(heard, [["4A", "4B"]]);
  }));

Deno.test("notification events: every listener hears each notification passed on, until it stops", () =>
  withDocument(() => {
    const n = { id: "n1", seq: 3, kind: "flight_rebooked", data: { bookingId: "b1" } };
    const heard: number[] = [];
    const stop = onNotification((x) => heard.push(x.seq));
    announceNotification(n as unknown as Notification);
    stop();
    announceNotification({ ...n, seq: 4 } as unknown as Notification);
    assert.deepEqual(heard, [3]);
  }));
