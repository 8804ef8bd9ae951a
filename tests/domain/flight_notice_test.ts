import assert from "node:assert/strict";
import {
  bookingsBody,
  movedSeatsLine,
  type NoticeFlight,
  rebookingNotice,
  seatChangeNotice,
  statusNotice,
  type StatusNoticeChange,
} from "../../domain/flight_notice.ts";
import { statusText } from "../../domain/flight_status.ts";
import { formatInZone } from "../../domain/time.ts";

const CT1053: NoticeFlight = {
  carrier: "CT",
  flightNumber: "1053",
  origin: "CDG",
  destination: "JFK",
  departureAt: "2030-03-01T09:30:00Z",
  originTz: "Europe/Paris",
};
const CT1055: NoticeFlight = {
  ...CT1053,
  flightNumber: "1055",
  departureAt: "2030-03-01T13:00:00Z",
};
const CT20: NoticeFlight = { ...CT1053, flightNumber: "20", origin: "CDG", destination: "LHR" };
const CT21: NoticeFlight = {
  ...CT1053,
  flightNumber: "21",
  origin: "LHR",
  destination: "JFK",
  departureAt: "2030-03-01T16:00:00Z",
  originTz: "Europe/London",
};

Deno.test("formatInZone: an airport's local time with its zone, the same for every notice", () => {
  const cases: [string, string, string][] = [
    ["2030-03-01T09:30:00Z", "Europe/Paris", "Fri 1 Mar, 10:30 CET"],
    ["2030-07-01T09:30:00Z", "Europe/Paris", "Mon 1 Jul, 11:30 CEST"],
    ["2030-03-01T09:30:00Z", "Europe/London", "Fri 1 Mar, 09:30 GMT"],
    ["2030-03-01T23:30:00Z", "America/New_York", "Fri 1 Mar, 18:30 GMT-5"],
  ];
  for (const [instant, tz, shown] of cases) assert.equal(formatInZone(instant, tz), shown, tz);
});

Deno.test("status notices: titled and subjected by what changed, times local with their zone", () => {
  const delayed = { estimatedDepartureAt: "2030-03-01T11:00:00Z" };
  const cases: [string, StatusNoticeChange, string, RegExp, RegExp, RegExp][] = [
    [
      "a delay",
      { status: "delayed", event: "delayed", reason: "late aircraft", ...delayed },
      "flight_delayed",
      /^CT 1053 is delayed to Fri 1 Mar, 12:00 CET$/,
      /^Delay: CT 1053 CDG→JFK now departs Fri 1 Mar, 12:00 CET$/,
      /now departs Fri 1 Mar, 12:00 CET \(planned Fri 1 Mar, 10:30 CET\)\. Reason: late aircraft\./,
    ],
    [
      // The flight stays delayed and keeps its new time: the news is only the gate.
      "a gate change on a delayed flight",
      { status: "delayed", event: "gate_changed", gate: "B12", ...delayed },
      "flight_gate_changed",
      /^CT 1053: gate change to B12$/,
      /^Gate change: CT 1053 CDG→JFK now departs from gate B12$/,
      /^CT 1053 CDG→JFK now departs from gate B12\.$/,
    ],
    [
      "a gate change",
      { status: "scheduled", event: "gate_changed", gate: "A3" },
      "flight_gate_changed",
      /^CT 1053: gate change to A3$/,
      /^Gate change: /,
      /from gate A3\./,
    ],
    [
      "a delay and a gate change in one event",
      { status: "delayed", event: "delayed", gate: "C7", ...delayed },
      "flight_delayed",
      /^CT 1053 is delayed to Fri 1 Mar, 12:00 CET, new gate C7$/,
      /^Delay and gate change: CT 1053 CDG→JFK now departs Fri 1 Mar, 12:00 CET from gate C7$/,
      /12:00 CET \(planned Fri 1 Mar, 10:30 CET\)\. It now departs from gate C7\./,
    ],
    [
      "boarding at a new gate",
      { status: "boarding", event: "boarding", gate: "D1" },
      "flight_gate_changed",
      /^CT 1053 is boarding at new gate D1$/,
      /^Gate change: CT 1053 CDG→JFK is boarding at gate D1$/,
      /gate D1\. Boarding has started\./,
    ],
    [
      "boarding",
      { status: "boarding", event: "boarding" },
      "flight_boarding",
      /^CT 1053 is boarding$/,
      /^Boarding: /,
      /^CT 1053 CDG→JFK is boarding\.$/,
    ],
    [
      "a cancellation",
      { status: "cancelled", event: "cancelled", reason: "weather" },
      "flight_cancelled",
      /^CT 1053 is cancelled$/,
      /^Cancelled: CT 1053 CDG→JFK on Fri 1 Mar, 10:30 CET$/,
      /is cancelled\. We are finding you another flight.*Reason: weather\./,
    ],
  ];
  for (const [what, change, kind, title, subject, body] of cases) {
    const n = statusNotice(CT1053, change);
    assert.ok(n, what);
    assert.equal(n.kind, kind, what);
    assert.match(n.title, title, what);
    assert.match(n.subject, subject, what);
    assert.match(n.body, body, what);
    assert.doesNotMatch(n.body, /Your bookings/, `${what}: one booking is not listed`);
  }
  assert.equal(statusNotice(CT1053, { status: "departed", event: "departed" }), undefined);
  assert.equal(statusNotice(CT1053, { status: "arrived", event: "arrived" }), undefined);
});

Deno.test("status notices: an account with several bookings hears once, naming them; crew are promised nothing", () => {
  const change: StatusNoticeChange = { status: "cancelled", event: "cancelled" };
  const n = statusNotice(CT1053, change, { pnrs: ["ABC234", "XYZ789"] })!;
  assert.match(n.body, /Your bookings ABC234 and XYZ789 are on this flight\./);
  const crew = statusNotice(CT1053, change, { crew: true })!;
  assert.doesNotMatch(crew.body, /another flight/);
});

Deno.test("seat change notices: one lead for the account, a line per booking, the leg when it has several", () => {
  const n = seatChangeNotice(CT1053, "Boeing 787-9");
  assert.equal(n.title, "New seats on CT 1053");
  assert.equal(n.subject, "Seat change: CT 1053 CDG→JFK on Fri 1 Mar, 10:30 CET");
  assert.match(n.lead, /is now the Boeing 787-9, so your seats have changed\.$/);
  const cases: [string, Parameters<typeof movedSeatsLine>[0], string][] = [
    [
      "two passengers, one without a seat",
      {
        pnr: "ABC234",
        seats: [
          { passenger: "Ada Lovelace", from: "1C", to: "1D" },
          { passenger: "Bo Lovelace", from: "2C", to: null },
        ],
      },
      "Booking ABC234: Ada Lovelace 1C → 1D, Bo Lovelace 2C → assigned at check-in.",
    ],
    [
      "the second flight of a journey",
      {
        pnr: "XYZ789",
        leg: { index: 2, of: 2 },
        seats: [{ passenger: "Cy Byron", from: "3C", to: "3G" }],
      },
      "Booking XYZ789, flight 2 of 2: Cy Byron 3C → 3G.",
    ],
  ];
  for (const [what, moved, line] of cases) assert.equal(movedSeatsLine(moved), line, what);
});

Deno.test("bookings messages: the shared words, the references when named and several, then each booking's own", () => {
  const a = { id: "a", pnr: "ABC234" };
  const b = { id: "b", pnr: "XYZ789", text: "Your connection leaves too soon." };
  const cases: [string, Parameters<typeof bookingsBody>[0], string][] = [
    ["one booking", { lead: "Delayed.", named: true, bookings: [a] }, "Delayed."],
    [
      "two bookings, named",
      { lead: "Delayed.", named: true, bookings: [a, b] },
      "Delayed. Your bookings ABC234 and XYZ789 are on this flight. " +
      "Your connection leaves too soon.",
    ],
    [
      "two bookings, each with its line",
      { lead: "New seats.", bookings: [{ ...a, text: "Booking ABC234: …" }, b] },
      "New seats. Booking ABC234: … Your connection leaves too soon.",
    ],
  ];
  for (const [what, m, body] of cases) assert.equal(bookingsBody(m), body, what);
});

Deno.test("rebooking notices: one message per leg, old → new, with each passenger's seat", () => {
  const seats = [{ passenger: "Ada Lovelace", seat: "4A" }, {
    passenger: "Bob Lovelace",
    seat: "4B",
  }];
  const cases: [string, Parameters<typeof rebookingNotice>[0], RegExp, RegExp, RegExp[]][] = [
    [
      "a cancellation rebooked onto one flight",
      { pnr: "ABC234", cause: "cancelled", from: [CT1053], to: [{ flight: CT1055, seats }] },
      /^CT 1053 is cancelled: you are rebooked on CT 1055$/,
      /^Cancelled and rebooked: CT 1053 CDG→JFK is replaced by CT 1055$/,
      [
        /^CT 1053 CDG→JFK on Fri 1 Mar, 10:30 CET is cancelled\. We have rebooked booking ABC234\./,
        /CT 1053 → CT 1055 CDG→JFK, departing Fri 1 Mar, 14:00 CET; seats: Ada Lovelace 4A, Bob Lovelace 4B\./,
      ],
    ],
    [
      "a cancellation rebooked onto a connection",
      {
        pnr: "ABC234",
        cause: "cancelled",
        from: [CT1053],
        to: [
          { flight: CT20, seats: [{ passenger: "Ada Lovelace", seat: "4A" }] },
          { flight: CT21, seats: [{ passenger: "Ada Lovelace", seat: "31C" }] },
        ],
      },
      /^CT 1053 is cancelled: you are rebooked on CT 20 and CT 21$/,
      /^Cancelled and rebooked: /,
      [
        /Instead of CT 1053 you now fly: Flight 1: CT 20 CDG→LHR, departing Fri 1 Mar, 10:30 CET; seats: Ada Lovelace 4A\./,
        /Flight 2: CT 21 LHR→JFK, departing Fri 1 Mar, 16:00 GMT; seats: Ada Lovelace 31C\./,
      ],
    ],
    [
      "a broken connection replaced leg for leg",
      {
        pnr: "ABC234",
        cause: "connection",
        from: [CT21],
        to: [{
          flight: { ...CT21, flightNumber: "23" },
          seats: [{ passenger: "Ada", seat: null }],
        }],
      },
      /^New connection: you are rebooked on CT 23$/,
      /^Rebooked: CT 23 replaces CT 21$/,
      [/would miss CT 21/, /CT 21 → CT 23 LHR→JFK, .*seats: Ada \(assigned at check-in\)\./],
    ],
  ];
  for (const [what, input, title, subject, body] of cases) {
    const n = rebookingNotice(input);
    assert.match(n.title, title, what);
    assert.match(n.subject, subject, what);
    assert.doesNotMatch(n.subject, /^Delay/, what);
    for (const b of body) assert.match(n.body, b, what);
    assert.doesNotMatch(n.body, /4A, 4A/, `${what}: seats are per leg`);
  }
});

Deno.test("status text: a delay shows its new departure in local time with the zone", () => {
  const cases: [string, string | null, string][] = [
    ["delayed", "2030-03-01T11:00:00Z", "Delayed to Fri 1 Mar, 12:00 CET"],
    ["delayed", null, "Delayed"],
    ["scheduled", null, "On time"],
    ["cancelled", "2030-03-01T11:00:00Z", "Cancelled"],
  ];
  for (const [status, estimatedDepartureAt, text] of cases) {
    assert.equal(statusText({ status, estimatedDepartureAt }, "Europe/Paris"), text);
  }
});
