import assert from "node:assert/strict";
import { kvStore } from "../../../adapters/store.ts";
import type { TripClaims } from "../../../adapters/tokens.ts";
import {
  endTripGrants,
  isTripGrantRevoked,
  revokeTripGrant,
} from "../../../services/trips/trip_grants.ts";
import { tripGrantEpochKey } from "../../../services/flights/cache_keys.ts";

const T0 = Date.parse("2030-01-01T00:00:00Z");
const MIN = 60_000;

function claims(bookingId: string, issuedAtMs: number): TripClaims {
  return { bookingId, jti: crypto.randomUUID(), issuedAtMs, expiresAtMs: issuedAtMs + 30 * MIN };
}

/** Two processes' stores over one KV database, on one clock the test moves. */
async function twoIsolates() {
  const kv = await Deno.openKv(":memory:");
  let now = T0;
  const clock = () => now;
  return {
    here: kvStore(kv, clock),
    there: kvStore(kv, clock),
    set: (ms: number) => now = ms,
    close: () => kv.close(),
  };
}

Deno.test("a grant revoked in one isolate is refused in another, until it lapses", async () => {
  const s = await twoIsolates();
  try {
    const booking = crypto.randomUUID();
    const forgotten = claims(booking, T0), kept = claims(booking, T0);
    s.set(T0 + 10 * MIN);
    await revokeTripGrant(s.here, forgotten, T0 + 10 * MIN);
    assert.equal(await isTripGrantRevoked(s.there, forgotten), true);
    assert.equal(await isTripGrantRevoked(s.there, kept), false, "only the one grant");
    // Kept past the grant's own expiry (a minute of skew), then gone.
    s.set(forgotten.expiresAtMs + MIN - 1);
    assert.equal(await isTripGrantRevoked(s.there, forgotten), true);
    s.set(forgotten.expiresAtMs + MIN);
    assert.equal(await isTripGrantRevoked(s.there, forgotten), false);
  } finally {
    s.close();
  }
});

Deno.test("ending a booking's grants refuses those issued until then, in every isolate", async () => {
  const s = await twoIsolates();
  try {
    const booking = crypto.randomUUID(), other = crypto.randomUUID();
    const at = T0 + 5 * MIN;
    s.set(at);
    await endTripGrants(s.here, [booking], at);
    // An earlier end recorded later does not move the epoch back.
    await endTripGrants(s.there, [booking], at - MIN);
    const cases: [string, TripClaims, boolean][] = [
      ["issued before", claims(booking, T0), true],
      ["issued in the same millisecond", claims(booking, at), true],
      ["issued after", claims(booking, at + 1), false],
      ["of another booking", claims(other, T0), false],
    ];
    for (const [what, grant, refused] of cases) {
      assert.equal(await isTripGrantRevoked(s.there, grant), refused, what);
    }
    // Once every grant it refuses has lapsed (and a minute more), the epoch is gone.
    s.set(at + 31 * MIN);
    assert.equal(await s.there.get(tripGrantEpochKey(booking)), undefined);
  } finally {
    s.close();
  }
});
