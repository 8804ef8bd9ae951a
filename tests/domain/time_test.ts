import assert from "node:assert/strict";
import {
  addDays,
  formatInZone,
  isValidTimeZone,
  localToUtc,
  offsetMinutes,
  toLocal,
  zoneAbbreviation,
} from "../../domain/time.ts";

// [local wall-clock time, zone, expected UTC instant, expected offset in minutes]
const normalTimes: [string, string, string, number][] = [
  ["2026-01-15T12:00", "Europe/London", "2026-01-15T12:00:00.000Z", 0],
  ["2026-07-15T12:00", "Europe/London", "2026-07-15T11:00:00.000Z", 60],
  ["2026-01-15T12:00", "America/New_York", "2026-01-15T17:00:00.000Z", -300],
  ["2026-07-15T12:00", "America/New_York", "2026-07-15T16:00:00.000Z", -240],
  ["2026-01-15T12:00", "Asia/Tokyo", "2026-01-15T03:00:00.000Z", 540],
  ["2026-07-15T12:00", "Asia/Tokyo", "2026-07-15T03:00:00.000Z", 540],
  // Southern hemisphere: January is summer (AEDT, +11), July is winter (AEST, +10).
  ["2026-01-15T12:00", "Australia/Sydney", "2026-01-15T01:00:00.000Z", 660],
  ["2026-07-15T12:00", "Australia/Sydney", "2026-07-15T02:00:00.000Z", 600],
  ["2026-01-15T12:00", "Asia/Kolkata", "2026-01-15T06:30:00.000Z", 330],
  ["2026-07-15T12:00", "Asia/Kolkata", "2026-07-15T06:30:00.000Z", 330],
  ["2026-12-31T23:30", "Asia/Tokyo", "2026-12-31T14:30:00.000Z", 540],
  ["2026-01-01T00:15:30", "America/New_York", "2026-01-01T05:15:30.000Z", -300],
];

for (const [local, zone, utc, offset] of normalTimes) {
  Deno.test(`time: localToUtc reads ${local} in ${zone} as ${utc}`, () => {
    assert.equal(localToUtc(local, zone).toISOString(), utc);
  });
  Deno.test(`time: offsetMinutes is ${offset} in ${zone} at ${utc}`, () => {
    assert.equal(offsetMinutes(new Date(utc), zone), offset);
  });
  Deno.test(`time: toLocal shows ${utc} in ${zone} as ${local}`, () => {
    const expected = local.length === 16 ? `${local}:00` : local;
    assert.equal(toLocal(new Date(utc), zone), expected);
  });
}

// Spring-forward gaps: the lenient reader (demo data only) uses the offset from before the gap.
const gaps: [string, string, string, string][] = [
  ["2026-03-29T01:30", "Europe/London", "2026-03-29T01:30:00.000Z", "2026-03-29T02:30:00"],
  ["2026-03-08T02:30", "America/New_York", "2026-03-08T07:30:00.000Z", "2026-03-08T03:30:00"],
  ["2026-10-04T02:30", "Australia/Sydney", "2026-10-03T16:30:00.000Z", "2026-10-04T03:30:00"],
];

for (const [local, zone, utc, shown] of gaps) {
  Deno.test(`time: localToUtc reads the spring-forward gap ${local} in ${zone} with the earlier offset`, () => {
    const instant = localToUtc(local, zone);
    assert.equal(instant.toISOString(), utc);
    assert.equal(toLocal(instant, zone), shown);
  });
}

// Autumn overlaps: the wall-clock time happens twice, the earlier instant is chosen.
const overlaps: [string, string, string][] = [
  ["2026-10-25T01:30", "Europe/London", "2026-10-25T00:30:00.000Z"],
  ["2026-11-01T01:30", "America/New_York", "2026-11-01T05:30:00.000Z"],
  ["2026-04-05T02:30", "Australia/Sydney", "2026-04-04T15:30:00.000Z"],
];

for (const [local, zone, utc] of overlaps) {
  Deno.test(`time: localToUtc picks the earlier instant in the autumn overlap ${local} in ${zone}`, () => {
    const instant = localToUtc(local, zone);
    assert.equal(instant.toISOString(), utc);
    assert.equal(toLocal(instant, zone), `${local}:00`);
    // One hour later the clocks show the same time again.
    assert.equal(toLocal(new Date(instant.getTime() + 3_600_000), zone), `${local}:00`);
  });
}

Deno.test("time: toLocal(localToUtc(x)) gives x back for non-gap times, overlap days included", () => {
  const zones = [
    "Europe/London",
    "America/New_York",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Asia/Kolkata",
  ];
  const days = ["2026-01-01", "2026-03-28", "2026-04-05", "2026-10-03", "2026-10-25", "2026-11-01"];
  let checked = 0;
  for (const zone of zones) {
    for (const day of days) {
      for (let hour = 0; hour < 24; hour += 1) {
        for (const minute of ["00", "45"]) {
          const local = `${day}T${String(hour).padStart(2, "0")}:${minute}`;
          assert.equal(toLocal(localToUtc(local, zone), zone), `${local}:00`, `${local} ${zone}`);
          checked++;
        }
      }
    }
  }
  assert.equal(checked, 5 * 6 * 24 * 2);
});

const dayAdditions: [string, number, string][] = [
  ["2026-01-31", 1, "2026-02-01"],
  ["2026-02-28", 1, "2026-03-01"],
  ["2026-12-31", 1, "2027-01-01"],
  ["2027-01-01", -1, "2026-12-31"],
  ["2028-02-28", 1, "2028-02-29"],
  ["2028-02-29", 1, "2028-03-01"],
  ["2028-03-01", -1, "2028-02-29"],
  ["2026-03-28", 2, "2026-03-30"],
  ["2026-05-10", 0, "2026-05-10"],
  ["2026-01-01", 365, "2027-01-01"],
  ["2028-01-01", 365, "2028-12-31"],
];

for (const [date, days, expected] of dayAdditions) {
  Deno.test(`time: addDays(${date}, ${days}) is ${expected}`, () => {
    assert.equal(addDays(date, days), expected);
  });
}

Deno.test("time: isValidTimeZone knows IANA zones and rejects made-up ones", () => {
  for (
    const zone of ["UTC", "Europe/London", "Asia/Kolkata", "Australia/Sydney", "Asia/Calcutta"]
  ) {
    assert.equal(isValidTimeZone(zone), true, zone);
  }
  for (const zone of ["Mars/Olympus_Mons", "Europe/Londres", "", "not a zone"]) {
    assert.equal(isValidTimeZone(zone), false, zone);
  }
});

Deno.test("time: localToUtc throws RangeError for text that is not a local date-time", () => {
  for (
    const bad of ["2026-13-01", "2026-01-15", "2026-01-15 12:00", "12:00", "2026-1-5T1:00", ""]
  ) {
    assert.throws(() => localToUtc(bad, "Europe/London"), RangeError, bad);
  }
});

Deno.test("time: addDays throws RangeError for an impossible date", () => {
  assert.throws(() => addDays("2026-13-01", 1), RangeError);
});

Deno.test("time: localToUtc throws RangeError for month 13, February 30 and hour 24", () => {
  for (const bad of ["2026-13-01T10:00", "2026-02-30T10:00", "2026-07-01T24:00"]) {
    assert.throws(() => localToUtc(bad, "UTC"), RangeError, bad);
  }
});

Deno.test("time: the cached offsets agree with Intl at odd minutes all year, half-hour zones too", () => {
  const zones = [
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "America/St_Johns",
  ];
  for (const zone of zones) {
    const intl = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    const start = Date.UTC(2026, 0, 1);
    // Every 97 minutes and 13 seconds: never aligned with the cache's quarter hours.
    for (let t = start; t < start + 365 * 86_400_000; t += 97 * 60_000 + 13_000) {
      const p = Object.fromEntries(intl.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
      const want = `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
      assert.equal(toLocal(new Date(t), zone), want, `${zone} at ${new Date(t).toISOString()}`);
    }
  }
});

for (
  const [tz, at, zone] of [
    ["Europe/Paris", "2030-03-01T09:00:00Z", "CET"],
    ["Europe/Paris", "2030-07-01T09:00:00Z", "CEST"],
    ["Europe/London", "2030-03-01T09:00:00Z", "GMT"],
    ["Asia/Tokyo", "2030-03-01T09:00:00Z", "GMT+9"],
    ["Asia/Kolkata", "2030-03-01T09:00:00Z", "GMT+5:30"],
    ["America/New_York", "2030-03-01T09:00:00Z", "GMT-5"],
  ] as const
) {
  Deno.test(`time: ${tz} at ${at} is abbreviated ${zone}, as formatInZone prints it`, () => {
    assert.equal(zoneAbbreviation(at, tz), zone);
    assert.ok(formatInZone(at, tz).endsWith(` ${zone}`));
  });
}
