import assert from "node:assert/strict";
import {
  signAccessToken,
  signTripToken,
  verifyAccessToken,
  verifyTripToken,
} from "../../adapters/tokens.ts";

const SECRET = "tokens-test-secret-0123456789-0123456789";
const claims = { sub: crypto.randomUUID(), role: "passenger" as const, email: "a@example.test" };

Deno.test("a verified access token stops being accepted when it expires, cached or not", async () => {
  const issued = new Date("2030-01-01T00:00:00Z");
  const token = await signAccessToken(claims, SECRET, issued);
  const verified = { ...claims, issuedAtMs: issued.getTime() };
  assert.deepEqual(await verifyAccessToken(token, SECRET, issued), verified);
  assert.deepEqual(
    await verifyAccessToken(token, SECRET, new Date("2030-01-01T00:14:59Z")),
    verified,
  );
  assert.equal(await verifyAccessToken(token, SECRET, new Date("2030-01-01T00:15:00Z")), undefined);
});

Deno.test("a token verified under one secret is not accepted under another", async () => {
  const now = new Date();
  const token = await signAccessToken(claims, SECRET, now);
  assert.ok(await verifyAccessToken(token, SECRET, now));
  assert.equal(await verifyAccessToken(token, `${SECRET}-rotated`, now), undefined);
  assert.equal(await verifyAccessToken(`${token}x`, SECRET, now), undefined);
});

Deno.test("an access token's issue time keeps milliseconds; its expiry stays on the second", async () => {
  const issued = new Date("2030-01-01T00:00:00.750Z");
  const token = await signAccessToken(claims, SECRET, issued);
  assert.equal((await verifyAccessToken(token, SECRET, issued))?.issuedAtMs, issued.getTime());
  assert.ok(await verifyAccessToken(token, SECRET, new Date("2030-01-01T00:14:59.999Z")));
  assert.equal(await verifyAccessToken(token, SECRET, new Date("2030-01-01T00:15:00Z")), undefined);
});

Deno.test("a trip token grants its booking for 30 minutes and is never an access token", async () => {
  const issued = new Date("2030-01-01T00:00:00Z");
  const booking = crypto.randomUUID();
  const trip = await signTripToken(booking, SECRET, issued);
  const granted = await verifyTripToken(trip, SECRET, issued);
  assert.equal(granted?.bookingId, booking);
  assert.equal(
    (await verifyTripToken(trip, SECRET, new Date("2030-01-01T00:29:59Z")))?.bookingId,
    booking,
  );
  assert.equal(await verifyTripToken(trip, SECRET, new Date("2030-01-01T00:30:00Z")), undefined);
  assert.equal(await verifyTripToken(trip, `${SECRET}-other`, issued), undefined);
  assert.equal(await verifyAccessToken(trip, SECRET, issued), undefined);
  const access = await signAccessToken(claims, SECRET, issued);
  assert.equal(await verifyTripToken(access, SECRET, issued), undefined);
});

Deno.test("each trip grant has its own id, its issue time in ms and its expiry", async () => {
  const issued = new Date("2030-01-01T00:00:00.750Z");
  const booking = crypto.randomUUID();
  const [a, b] = await Promise.all([
    signTripToken(booking, SECRET, issued).then((t) => verifyTripToken(t, SECRET, issued)),
    signTripToken(booking, SECRET, issued).then((t) => verifyTripToken(t, SECRET, issued)),
  ]);
  assert.ok(a && b);
  assert.notEqual(a.jti, b.jti);
  assert.equal(a.issuedAtMs, issued.getTime());
  assert.equal(a.expiresAtMs, Date.parse("2030-01-01T00:30:00Z"));
});
