/**
 * The checkout's hold-expired event (issue 18 #2: the countdown's own listener re-announced
 * the expiry it was told of, until "Maximum call stack size exceeded").
 */
import assert from "node:assert/strict";
import { announceHoldExpired, onHoldExpired } from "../../../islands/client/hold_events.ts";

Deno.test("hold events: a listener that announces again is told once, and nothing recurses", () => {
  const g = globalThis as { document?: EventTarget };
  const before = g.document;
  g.document = new EventTarget();
  try {
    let countdown = 0, payment = 0;
    // The countdown ends itself on the news, and ending announces the expiry (as it does).
    const stopCountdown = onHoldExpired("b1", () => {
      countdown++;
      announceHoldExpired("b1");
    });
    const stopPayment = onHoldExpired("b1", () => payment++);
    const other = onHoldExpired("b2", () => assert.fail("another booking's hold"));
    announceHoldExpired("b1");
    announceHoldExpired("b1");
    assert.deepEqual([countdown, payment], [1, 1]);
    stopCountdown();
    stopPayment();
    other();
  } finally {
    g.document = before;
  }
});
