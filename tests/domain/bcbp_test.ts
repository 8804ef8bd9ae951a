import assert from "node:assert/strict";
import { encodeBcbp, julianDay } from "../../domain/bcbp.ts";
import { escapeText, foldLine, itineraryIcs } from "../../domain/ics.ts";

const leg = {
  lastName: "Desmarais",
  firstName: "Luc",
  pnr: "ABC123",
  from: "YUL",
  to: "FRA",
  carrier: "AC",
  flightNumber: "834",
  date: "2026-12-22",
  compartment: "Y",
  seat: "1A",
  checkInSequence: 25,
};

Deno.test("bcbp: the 60 mandatory characters sit in their IATA positions", () => {
  const s = encodeBcbp(leg);
  assert.equal(s.length, 60);
  assert.equal(s, "M1DESMARAIS/LUC       EABC123 YULFRAAC 0834 356Y001A0025 100");
  const slices: [number, number, string][] = [
    [0, 1, "M"],
    [1, 2, "1"],
    [2, 22, "DESMARAIS/LUC       "],
    [22, 23, "E"],
    [23, 30, "ABC123 "],
    [30, 33, "YUL"],
    [33, 36, "FRA"],
    [36, 39, "AC "],
    [39, 44, "0834 "],
    [44, 47, "356"],
    [47, 48, "Y"],
    [48, 52, "001A"],
    [52, 57, "0025 "],
    [57, 58, "1"],
    [58, 60, "00"],
  ];
  for (const [a, b, want] of slices) assert.equal(s.slice(a, b), want, `${a}-${b}`);
});

Deno.test("bcbp: names are transliterated to A–Z and cut at 20 characters", () => {
  const s = encodeBcbp({ ...leg, lastName: "Müller-Lüdenscheidt", firstName: "Zoë Anne" });
  assert.equal(s.slice(2, 22), "MULLER LUDENSCHEIDT/");
  const short = encodeBcbp({ ...leg, lastName: "O'Brien", firstName: "Seán" });
  assert.equal(short.slice(2, 22), "O BRIEN/SEAN        ");
});

Deno.test("bcbp: flight suffix letters, 3-digit rows and leap-year dates", () => {
  const s = encodeBcbp({ ...leg, flightNumber: "12A", seat: "123K", date: "2028-12-31" });
  assert.equal(s.slice(39, 44), "0012A");
  assert.equal(s.slice(48, 52), "123K");
  assert.equal(s.slice(44, 47), "366");
  assert.equal(julianDay("2027-01-01"), 1);
  assert.throws(() => encodeBcbp({ ...leg, seat: "A1" }), RangeError);
  assert.throws(() => encodeBcbp({ ...leg, flightNumber: "12345" }), RangeError);
});

Deno.test("ics: events are escaped, folded at 75 octets and use CRLF", () => {
  const text = itineraryIcs([{
    uid: "X1@contrail",
    summary: "CT 100 LHR → JFK",
    description: "Seats: 12A, 12B; bring your passport\nand a smile, please. ".repeat(3),
    location: "London (LHR)",
    start: new Date("2030-03-01T10:00:00Z"),
    end: new Date("2030-03-01T18:20:00Z"),
  }], new Date("2030-02-01T00:00:00Z"));
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(text, /\r\nDTSTART:20300301T100000Z\r\n/);
  assert.match(text, /\r\nDTSTAMP:20300201T000000Z\r\n/);
  for (const line of text.split("\r\n")) {
    assert.ok(new TextEncoder().encode(line).length <= 75, line);
  }
  assert.match(text, /12A\\, 12B\\; bring/);
  assert.equal(escapeText("a\\b"), "a\\\\b");
  assert.equal(foldLine("x".repeat(80)), "x".repeat(75) + "\r\n " + "x".repeat(5));
});
