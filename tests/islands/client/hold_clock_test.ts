import assert from "node:assert/strict";
import { HOLD_EXPIRED_TEXT, holdAnnouncement } from "../../../islands/client/hold_clock.ts";

const MIN = 60_000;

Deno.test("hold countdown speaks at 5 minutes, at 1 minute and at expiry, once each", () => {
  const cases: [number, number, string | undefined][] = [
    [10 * MIN, 10 * MIN - 1000, undefined],
    [5 * MIN + 500, 5 * MIN - 500, "5 minutes left to pay before the seats are released."],
    [5 * MIN - 500, 5 * MIN - 1500, undefined],
    [5 * MIN, 5 * MIN - 1000, undefined], // exactly at the mark before: already said
    [MIN + 200, MIN - 800, "1 minute left to pay before the seats are released."],
    [6 * MIN, 30_000, "1 minute left to pay before the seats are released."], // a tab asleep
    [500, -500, HOLD_EXPIRED_TEXT],
    [6 * MIN, -1000, HOLD_EXPIRED_TEXT],
    [0, -1000, undefined], // already over when counting started
    [3 * MIN, 3 * MIN - 1000, undefined],
  ];
  for (const [before, after, said] of cases) {
    assert.equal(holdAnnouncement(before, after), said, `${before} → ${after}`);
  }
});
