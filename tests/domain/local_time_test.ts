import assert from "node:assert/strict";
import { formatOffset, readLocalTime } from "../../domain/time.ts";
import { localInstant } from "../../domain/schedule.ts";

// [local text, zone, expected reading: an instant, "gap before→after", or "ambiguous a,b"]
const readings: [string, string, string][] = [
  // Frankfurt, spring 2027: 02:00 CET jumps to 03:00 CEST on 28 March.
  ["2027-03-28T01:59", "Europe/Berlin", "2027-03-28T00:59:00.000Z"],
  ["2027-03-28T02:00", "Europe/Berlin", "gap +01:00→+02:00"],
  ["2027-03-28T02:30", "Europe/Berlin", "gap +01:00→+02:00"],
  ["2027-03-28T02:59", "Europe/Berlin", "gap +01:00→+02:00"],
  ["2027-03-28T03:00", "Europe/Berlin", "2027-03-28T01:00:00.000Z"],
  // An offset does not make a skipped time exist.
  ["2027-03-28T02:30+01:00", "Europe/Berlin", "gap +01:00→+02:00"],
  // Frankfurt, autumn 2027: 03:00 CEST goes back to 02:00 CET on 31 October.
  ["2027-10-31T01:59", "Europe/Berlin", "2027-10-30T23:59:00.000Z"],
  ["2027-10-31T02:30", "Europe/Berlin", "ambiguous +02:00,+01:00"],
  ["2027-10-31T02:30+02:00", "Europe/Berlin", "2027-10-31T00:30:00.000Z"],
  ["2027-10-31T02:30+01:00", "Europe/Berlin", "2027-10-31T01:30:00.000Z"],
  ["2027-10-31T02:30+05:00", "Europe/Berlin", "wrong +05:00"],
  ["2027-10-31T03:00", "Europe/Berlin", "2027-10-31T02:00:00.000Z"],
  // An offset that agrees with an ordinary time is accepted; one that does not is refused.
  ["2027-07-01T12:00+02:00", "Europe/Berlin", "2027-07-01T10:00:00.000Z"],
  ["2027-07-01T12:00+01:00", "Europe/Berlin", "wrong +01:00"],
  // Southern hemisphere, Sydney: forward on 3 October 2027, back on 4 April 2027.
  ["2027-10-03T02:30", "Australia/Sydney", "gap +10:00→+11:00"],
  ["2027-04-04T02:30", "Australia/Sydney", "ambiguous +11:00,+10:00"],
  ["2027-04-04T02:30+10:00", "Australia/Sydney", "2027-04-03T16:30:00.000Z"],
  ["2027-01-15T02:30", "Australia/Sydney", "2027-01-14T15:30:00.000Z"],
  // A half-hour zone with a 30-minute shift: Lord Howe Island, 2:00 → 2:30 on 3 October 2027.
  ["2027-10-03T02:15", "Australia/Lord_Howe", "gap +10:30→+11:00"],
  // No daylight saving: every time exists once, whatever the date.
  ["2027-03-28T02:30", "Asia/Tokyo", "2027-03-27T17:30:00.000Z"],
  ["2027-10-31T02:30", "Asia/Kolkata", "2027-10-30T21:00:00.000Z"],
  ["2027-10-31T02:30Z", "UTC", "2027-10-31T02:30:00.000Z"],
];

function describe(text: string, zone: string): string {
  const r = readLocalTime(text, zone);
  switch (r.kind) {
    case "exact":
      return r.instant.toISOString();
    case "gap":
      return `gap ${formatOffset(r.offsetBefore)}→${formatOffset(r.offsetAfter)}`;
    case "ambiguous":
      return `ambiguous ${r.offsets.map(formatOffset).join(",")}`;
    case "wrong_offset":
      return `wrong ${formatOffset(r.given)}`;
  }
}

for (const [text, zone, expected] of readings) {
  Deno.test(`local time: ${text} in ${zone} reads as ${expected}`, () => {
    assert.equal(describe(text, zone), expected);
  });
}

Deno.test("local time: formatOffset writes signed hours and minutes", () => {
  for (
    const [minutes, text] of [[0, "+00:00"], [60, "+01:00"], [-210, "-03:30"], [345, "+05:45"]] as [
      number,
      string,
    ][]
  ) {
    assert.equal(formatOffset(minutes), text);
  }
});

// [text, zone, expected code or undefined for an instant, words the message must contain]
const problems: [string, string, string | undefined, string[]][] = [
  ["2027-03-28T02:30", "Europe/Berlin", "nonexistent_local_time", [
    "2027-03-28T02:30 does not exist in Europe/Berlin",
    "+01:00 to +02:00",
  ]],
  ["2027-10-31T02:30", "Europe/Berlin", "ambiguous_local_time", [
    "happens twice in Europe/Berlin",
    "+02:00",
    "+01:00",
    "2027-10-31T02:30+02:00",
  ]],
  ["2027-10-31T02:30+01:00", "Europe/Berlin", undefined, []],
  ["2027-10-31T02:30+04:00", "Europe/Berlin", "", ["+04:00 is not Europe/Berlin's offset"]],
  ["2027-02-30T10:00", "Europe/Berlin", "", ["no such date or time"]],
];

for (const [text, zone, code, words] of problems) {
  Deno.test(`local time: the flight rule for ${text} in ${zone} gives ${code ?? "an instant"}`, () => {
    const read = localInstant("departureLocal", text, zone);
    if (code === undefined) return void assert.ok("instant" in read);
    assert.ok("problem" in read);
    assert.equal(read.problem.code ?? "", code);
    assert.equal(read.problem.path, "departureLocal");
    for (const w of words) assert.ok(read.problem.message.includes(w), read.problem.message);
  });
}
