import assert from "node:assert/strict";
import { blockMinutes, greatCircleKm, type LatLon } from "../../domain/geo.ts";

const LHR: LatLon = { latitude: 51.4706, longitude: -0.461941 };
const JFK: LatLon = { latitude: 40.63980103, longitude: -73.77890015 };
const SYD: LatLon = { latitude: -33.94609832763672, longitude: 151.177001953125 };
const LAX: LatLon = { latitude: 33.94250107, longitude: -118.4079971 };
const SIN: LatLon = { latitude: 1.35019, longitude: 103.994003 };
const CDG: LatLon = { latitude: 49.012798, longitude: 2.55 };

// [name, from, to, published great-circle distance in km]
const knownDistances: [string, LatLon, LatLon, number][] = [
  ["LHR-JFK", LHR, JFK, 5555],
  ["SYD-LAX", SYD, LAX, 12050],
  ["LHR-SIN", LHR, SIN, 10880],
  ["LHR-CDG", LHR, CDG, 348],
  ["one degree of longitude on the equator", { latitude: 0, longitude: 0 }, {
    latitude: 0,
    longitude: 1,
  }, 111.2],
  ["pole to pole", { latitude: 90, longitude: 0 }, { latitude: -90, longitude: 0 }, 20015],
];

for (const [name, a, b, km] of knownDistances) {
  Deno.test(`geo: greatCircleKm for ${name} is within 1% of ${km} km`, () => {
    const got = greatCircleKm(a, b);
    assert.ok(Math.abs(got - km) / km < 0.01, `${name}: got ${got}, expected about ${km}`);
  });
}

Deno.test("geo: greatCircleKm is symmetric", () => {
  const points = [LHR, JFK, SYD, LAX, SIN, CDG];
  for (const a of points) {
    for (const b of points) {
      assert.ok(Math.abs(greatCircleKm(a, b) - greatCircleKm(b, a)) < 1e-9);
    }
  }
});

Deno.test("geo: greatCircleKm is zero for the same point and positive otherwise", () => {
  for (const p of [LHR, JFK, SYD, { latitude: 90, longitude: 0 }]) {
    assert.equal(greatCircleKm(p, p), 0);
  }
  assert.ok(greatCircleKm(LHR, CDG) > 0);
});

Deno.test("geo: greatCircleKm crosses the antimeridian the short way", () => {
  const west = { latitude: 0, longitude: 179.5 };
  const east = { latitude: 0, longitude: -179.5 };
  const km = greatCircleKm(west, east);
  assert.ok(km > 110 && km < 112, `got ${km}`);
});

Deno.test("geo: greatCircleKm never exceeds half the earth's circumference", () => {
  const antipodes = greatCircleKm({ latitude: 10, longitude: 20 }, {
    latitude: -10,
    longitude: -160,
  });
  assert.ok(antipodes > 20000 && antipodes < 20020, `got ${antipodes}`);
  assert.ok(!Number.isNaN(antipodes));
});

const distances = [0, 50, 300, 800, 1499, 1500, 2500, 5555, 9000, 12050, 15000];
const cruises = [780, 830, 900];

Deno.test("geo: blockMinutes is always a positive multiple of 5", () => {
  for (const cruise of cruises) {
    for (const km of distances) {
      const block = blockMinutes(km, cruise);
      assert.equal(block % 5, 0, `${km} km at ${cruise} km/h gave ${block}`);
      assert.ok(block >= 45, `${km} km at ${cruise} km/h gave ${block}`);
    }
  }
});

Deno.test("geo: blockMinutes never shrinks as the distance grows", () => {
  for (const cruise of cruises) {
    let previous = 0;
    for (let km = 0; km <= 16000; km += 25) {
      const block = blockMinutes(km, cruise);
      assert.ok(block >= previous, `${km} km at ${cruise} km/h: ${block} < ${previous}`);
      previous = block;
    }
  }
});

Deno.test("geo: blockMinutes is longer for a slower aircraft", () => {
  assert.ok(blockMinutes(3000, 780) > blockMinutes(3000, 900));
});

// [distance km, cruise km/h, expected block minutes] computed by hand from the documented formula.
const blocks: [number, number, number][] = [
  [0, 900, 45], // 25 taxi + 20 climb/descent
  [1000, 800, 125], // 25 + 20 + 78.75 = 123.75
  [1500, 900, 160], // 35 + 20 + 105 = 160
];

for (const [km, cruise, minutes] of blocks) {
  Deno.test(`geo: blockMinutes(${km}, ${cruise}) is ${minutes}`, () => {
    assert.equal(blockMinutes(km, cruise), minutes);
  });
}

Deno.test("geo: a London-New York block at 900 km/h is between 7h and 8h30", () => {
  const block = blockMinutes(greatCircleKm(LHR, JFK), 900);
  assert.ok(block >= 7 * 60 && block <= 8 * 60 + 30, `got ${block} minutes`);
});
