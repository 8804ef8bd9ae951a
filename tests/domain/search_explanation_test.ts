import assert from "node:assert/strict";
import {
  describeEmptySearch,
  type EmptySearchFacts,
  emptySearchKind,
  type EmptySearchReason,
  nearestServed,
} from "../../domain/search_explanation.ts";

const base: EmptySearchFacts = {
  date: "2030-03-02",
  today: "2030-02-25",
  openUntil: "2030-03-31",
  routeServed: true,
  journeys: 4,
  cabinOffered: true,
  unfiltered: 0,
};

// [case, facts changed from base, expected kind]
const kinds: [string, Partial<EmptySearchFacts>, EmptySearchReason["kind"]][] = [
  ["a date before today at the origin", { date: "2030-02-24" }, "past_date"],
  ["a past date wins over everything else", { date: "2030-02-24", journeys: 0 }, "past_date"],
  ["today is not past", { date: "2030-02-25" }, "sold_out"],
  ["after the last scheduled date", { date: "2030-04-01" }, "beyond_schedule"],
  ["the last scheduled date itself", { date: "2030-03-31" }, "sold_out"],
  ["nothing scheduled at all", { openUntil: undefined }, "beyond_schedule"],
  ["no journey that day, route flown", { journeys: 0 }, "no_flights_on_date"],
  ["no journey that day, no direct flight ever", {
    journeys: 0,
    routeServed: false,
  }, "route_not_served"],
  ["connections that day on an unflown route", { routeServed: false }, "sold_out"],
  ["journeys without the cabin", { cabinOffered: false }, "cabin_not_offered"],
  ["the cabin missing wins over filters", {
    cabinOffered: false,
    unfiltered: 3,
  }, "cabin_not_offered"],
  ["journeys hidden by the filters", { unfiltered: 2 }, "filtered"],
  ["every journey full", {}, "sold_out"],
];

for (const [name, change, kind] of kinds) {
  Deno.test(`empty search: ${name} → ${kind}`, () => {
    assert.equal(emptySearchKind({ ...base, ...change }), kind);
  });
}

const q = { from: "LGW", to: "JFK", cabin: "F" as const, passengers: 2, currency: "USD" };
const near = { iata: "LHR", city: "London", name: "London Heathrow Airport", km: 41 };

// [reason, the sentence]
const sentences: [EmptySearchReason, string][] = [
  [{ kind: "past_date", today: "2030-02-25" }, "That date has passed: choose Mon 25 Feb or later."],
  [
    { kind: "beyond_schedule", openUntil: "2030-03-31" },
    "The schedule is open until Sun 31 Mar: choose that date or earlier.",
  ],
  [
    { kind: "cabin_not_offered", offered: [{ cabin: "J", price: 249200 }] },
    "No First on this route; Business from $2,492.",
  ],
  [
    {
      kind: "cabin_not_offered",
      offered: [{ cabin: "J", price: 249200 }, { cabin: "Y", price: 45900 }],
    },
    "No First on this route; Business from $2,492, Economy from $459.",
  ],
  [{ kind: "cabin_not_offered", offered: [] }, "No First on this route."],
  [
    { kind: "route_not_served", nearbyFrom: [near], nearbyTo: [], nextConnection: "2030-03-04" },
    "Contrail does not fly from LGW to JFK. Airports near LGW: London (LHR, 41 km). " +
    "Connections run on other dates, the first on Mon 4 Mar.",
  ],
  [
    { kind: "route_not_served", nearbyFrom: [], nearbyTo: [] },
    "Contrail does not fly from LGW to JFK.",
  ],
  [
    { kind: "no_flights_on_date", nextDates: [{ date: "2030-03-03", price: 45900 }] },
    "No flights from LGW to JFK that day. Next dates: Sun 3 Mar from $459.",
  ],
  [
    { kind: "sold_out", nextDates: [] },
    "No seats left in First for 2 passengers that day.",
  ],
  [
    { kind: "filtered", total: 1 },
    "1 journey matches without your filters (stops, times or price).",
  ],
];

for (const [reason, sentence] of sentences) {
  Deno.test(`empty search: ${reason.kind} says "${sentence.slice(0, 40)}…"`, () => {
    assert.equal(describeEmptySearch(reason, q), sentence);
  });
}

const airport = (iata: string, latitude: number, longitude: number, served = true) => ({
  iata,
  city: iata,
  name: iata,
  latitude,
  longitude,
  served,
});
const LONDON = [
  airport("LHR", 51.4706, -0.461941),
  airport("LGW", 51.148102, -0.190278, false),
  airport("STN", 51.885, 0.235, false),
  airport("CDG", 49.012798, 2.55),
  airport("AMS", 52.308601, 4.76389),
  airport("JFK", 40.6398, -73.7789),
];

// [case, from, options, expected codes]
const nearest: [string, ReturnType<typeof airport>, object, string[]][] = [
  ["served airports only, nearest first", LONDON[1], {}, ["LHR", "CDG", "AMS"]],
  ["never the airport itself", LONDON[0], {}, ["CDG", "AMS"]],
  ["within the distance", LONDON[1], { maxKm: 100 }, ["LHR"]],
  ["at most the limit", LONDON[1], { limit: 1 }, ["LHR"]],
  ["none near", LONDON[5], {}, []],
];
for (const [name, from, options, expected] of nearest) {
  Deno.test(`empty search: nearest served airports, ${name}`, () => {
    assert.deepEqual(nearestServed(from, LONDON, options).map((a) => a.iata), expected);
  });
}
