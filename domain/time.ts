/** A wall-clock time without zone, "YYYY-MM-DDTHH:MM" (seconds optional). */
export type LocalDateTime = string;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA time zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall clock at `instant`, read from Intl (slow: about 20 µs a call). */
function intlWallClock(instant: Date, timeZone: string): LocalDateTime {
  const parts = Object.fromEntries(
    formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

// Offsets change only at zone transitions, which fall on whole quarter hours of UTC, so one
// Intl lookup per zone and quarter hour serves every instant in it. Bounded: a bulk import
// touches a few thousand quarter hours at most.
const QUARTER_MS = 15 * 60_000;
const offsets = new Map<string, number>();
const MAX_OFFSETS = 100_000;

/** The zone's offset from UTC at `instant`, in minutes (east positive). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  const key = `${timeZone} ${Math.floor(ms / QUARTER_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const whole = Math.floor(ms / 1000) * 1000;
    offset = Math.round((wallClockMs(intlWallClock(new Date(whole), timeZone)) - whole) / 60_000);
    if (offsets.size >= MAX_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The wall-clock time in `timeZone` at `instant`, as "YYYY-MM-DDTHH:MM:SS". */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 19);
}

function wallClockMs(local: LocalDateTime): number {
  const m = LOCAL.exec(local);
  if (!m) throw new RangeError(`Not a local date-time: ${local}`);
  const [year, month, day, hour, minute, second] = [
    +m[1],
    +m[2],
    +m[3],
    +m[4],
    +m[5],
    +(m[6] ?? 0),
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2026-02-30 over to March; a calendar date that does not exist is an error.
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59
  ) {
    throw new RangeError(`Not a valid local date-time: ${local}`);
  }
  return ms;
}

/**
 * The instant at which `timeZone`'s clocks show `local`, leniently: in a spring-forward gap the
 * time is read with the offset from before the gap (02:30 becomes 03:30), and in an autumn
 * overlap the earlier instant is chosen. For generated times (demo data) only: what an operator
 * enters goes through readLocalTime, which refuses both.
 */
export function localToUtc(local: LocalDateTime, timeZone: string): Date {
  const wall = wallClockMs(local);
  const found = instantsAt(wall, timeZone);
  return new Date(found[0] ?? wall - offsetMinutes(new Date(wall - 86_400_000), timeZone) * 60_000);
}

/** Every instant (zero, one or two, earliest first) at which the zone's clocks show `wall`. */
function instantsAt(wall: number, timeZone: string): number[] {
  const before = offsetMinutes(new Date(wall - 86_400_000), timeZone);
  const after = offsetMinutes(new Date(wall + 86_400_000), timeZone);
  return [...new Set([before, after])]
    .map((off) => wall - off * 60_000)
    .filter((t) => wallClockMs(toLocal(new Date(t), timeZone)) === wall)
    .sort((a, b) => a - b);
}

/** An offset in minutes as ISO 8601 text, e.g. 60 → "+01:00", -210 → "-03:30". */
export function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${hh}:${mm}`;
}

/**
 * How a local time reads on a zone's clock. `exact`: one instant. `gap`: the clocks skip it
 * (spring forward). `ambiguous`: the clocks show it twice (autumn back) and no offset chose one.
 * `wrong_offset`: the offset given is not the zone's at that time.
 */
export type LocalReading =
  | { kind: "exact"; instant: Date }
  | { kind: "gap"; offsetBefore: number; offsetAfter: number }
  | { kind: "ambiguous"; offsets: [number, number] }
  | { kind: "wrong_offset"; given: number; offsets: number[] };

const WITH_OFFSET = /^(.*?)(?:(Z)|([+-])(\d{2}):(\d{2}))?$/;

/**
 * Reads an operator's local time, "YYYY-MM-DDTHH:MM[:SS]" with an optional UTC offset
 * ("+01:00", "Z") that picks one of the two instants of an autumn overlap. Throws RangeError
 * for text that is not a date-time or a calendar date that does not exist.
 */
export function readLocalTime(text: string, timeZone: string): LocalReading {
  const m = WITH_OFFSET.exec(text)!;
  const wall = wallClockMs(m[1]);
  const found = instantsAt(wall, timeZone);
  const offsets = found.map((t) => Math.round((wall - t) / 60_000));
  if (m[2] || m[3]) {
    const given = m[2] ? 0 : (m[3] === "-" ? -1 : 1) * (+m[4] * 60 + +m[5]);
    const i = offsets.indexOf(given);
    if (i >= 0) return { kind: "exact", instant: new Date(found[i]) };
    if (!found.length) return gapAt(wall, timeZone);
    return { kind: "wrong_offset", given, offsets };
  }
  if (found.length === 1) return { kind: "exact", instant: new Date(found[0]) };
  if (found.length === 2) return { kind: "ambiguous", offsets: [offsets[0], offsets[1]] };
  return gapAt(wall, timeZone);
}

function gapAt(wall: number, timeZone: string): LocalReading {
  return {
    kind: "gap",
    offsetBefore: offsetMinutes(new Date(wall - 86_400_000), timeZone),
    offsetAfter: offsetMinutes(new Date(wall + 86_400_000), timeZone),
  };
}

/** Adds whole days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * An instant as an airport's local time with its zone, "Mon 23 Nov, 07:40 CET" (the zone's
 * short name where ICU has one, else its offset, "GMT-5"): the one format pages, in-app
 * notices, emails and push use, the same on the server and in the browser.
 */
export function formatInZone(instant: string | Date, timeZone: string): string {
  const d = new Date(instant);
  const day = d.toLocaleDateString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone,
  });
  return `${day}, ${timeInZone(d, timeZone)}`;
}

/** An instant's local time of day at an airport with its zone, "07:40 CET" (as formatInZone). */
export function timeInZone(instant: string | Date, timeZone: string): string {
  return new Date(instant).toLocaleTimeString("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
    timeZoneName: "short",
  });
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A zone's short name at an instant, as formatInZone prints it ("CET", else an offset such
 * as "GMT+9"), so a local time is never ambiguous. One formatter per zone serves every call.
 */
export function zoneAbbreviation(instant: string | Date, timeZone: string): string {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" });
    zoneFormatters.set(timeZone, f);
  }
  return f.formatToParts(new Date(instant)).find((p) => p.type === "timeZoneName")?.value ??
    timeZone;
}
