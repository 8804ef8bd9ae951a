/**
 * Editing a seat layout as form fields: every value is the text an input holds, so a form
 * posted without JavaScript and the visual editor share one representation. Turning the
 * fields into an API body leaves all checking to the API's schemas. Pure.
 */
import type { SeatLayout } from "./seat_layout.ts";

/** One cabin as the editor's inputs hold it (lists are comma- or space-separated). */
export interface CabinFields {
  code: string;
  name: string;
  firstRow: string;
  lastRow: string;
  seatsAcross: string;
  pitchInches: string;
  skipRows: string;
  exitRows: string;
  extraLegroomRows: string;
  blockedSeats: string;
  missingSeats: string;
}

/** An aircraft type as the editor's inputs hold it. */
export interface TypeFields {
  code: string;
  name: string;
  manufacturer: string;
  cruiseKmh: string;
  rangeKm: string;
  cabins: CabinFields[];
}

/** The list fields of a cabin. */
export const CABIN_LIST_FIELDS = [
  "skipRows",
  "exitRows",
  "extraLegroomRows",
  "blockedSeats",
  "missingSeats",
] as const;

/** At most this many cabins (F, J, W, Y). */
export const MAX_CABINS = 4;

const CABIN_KEYS: (keyof CabinFields)[] = [
  "code",
  "name",
  "firstRow",
  "lastRow",
  "seatsAcross",
  "pitchInches",
  ...CABIN_LIST_FIELDS,
];

/** An empty cabin to add to the editor. */
export function blankCabin(code = "Y", firstRow = 1): CabinFields {
  return {
    code,
    name: { F: "First", J: "Business", W: "Premium Economy", Y: "Economy" }[code] ?? "",
    firstRow: String(firstRow),
    lastRow: String(firstRow + 19),
    seatsAcross: "ABC|DEF",
    pitchInches: "",
    skipRows: "",
    exitRows: "",
    extraLegroomRows: "",
    blockedSeats: "",
    missingSeats: "",
  };
}

/** The fields of a stored aircraft type. */
export function fieldsFromType(t: {
  code: string;
  name: string;
  manufacturer: string;
  cruiseKmh: number;
  rangeKm: number;
  layout: SeatLayout;
}): TypeFields {
  return {
    code: t.code,
    name: t.name,
    manufacturer: t.manufacturer,
    cruiseKmh: String(t.cruiseKmh),
    rangeKm: String(t.rangeKm),
    cabins: t.layout.cabins.map((c) => ({
      code: c.code,
      name: c.name,
      firstRow: String(c.firstRow),
      lastRow: String(c.lastRow),
      seatsAcross: c.seatsAcross,
      pitchInches: c.pitchInches === undefined ? "" : String(c.pitchInches),
      skipRows: c.skipRows.join(", "),
      exitRows: c.exitRows.join(", "),
      extraLegroomRows: c.extraLegroomRows.join(", "),
      blockedSeats: c.blockedSeats.join(", "),
      missingSeats: c.missingSeats.join(", "),
    })),
  };
}

/** The fields of a stored cabin configuration (a type's figures are not its own). */
export function fieldsFromConfiguration(
  c: { code: string; name: string; layout: SeatLayout },
): TypeFields {
  const fields = fieldsFromType({ ...c, manufacturer: "", cruiseKmh: 0, rangeKm: 0 });
  return { ...fields, cruiseKmh: "", rangeKm: "" };
}

/**
 * The fields of a posted form: `name`, ..., and `cabins.N.field` for N below MAX_CABINS. A
 * cabin whose inputs are all empty was left blank (a slot for adding one) and is dropped.
 */
export function fieldsFromForm(form: Record<string, unknown>): TypeFields {
  const text = (key: string) => typeof form[key] === "string" ? (form[key] as string) : "";
  const cabins: CabinFields[] = [];
  for (let i = 0; i < MAX_CABINS; i++) {
    const cabin = Object.fromEntries(
      CABIN_KEYS.map((k) => [k, text(`cabins.${i}.${k}`).trim()]),
    ) as unknown as CabinFields;
    if (CABIN_KEYS.some((k) => cabin[k] !== "")) cabins.push(cabin);
  }
  return {
    code: text("code").trim(),
    name: text("name"),
    manufacturer: text("manufacturer"),
    cruiseKmh: text("cruiseKmh").trim(),
    rangeKm: text("rangeKm").trim(),
    cabins,
  };
}

/** The items of a list input: "12, 14 15" → ["12", "14", "15"]. */
export function listItems(text: string): string[] {
  return text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
}

// Numbers stay what was typed when they are not numbers, so the schema names the field.
const num = (s: string): number | string => (/^-?\d+$/.test(s.trim()) ? Number(s) : s.trim());

/** A layout body for the API from the fields (unchecked: the API's schema decides). */
export function layoutInput(cabins: CabinFields[]) {
  return {
    cabins: cabins.map((c) => ({
      code: c.code.trim().toUpperCase(),
      name: c.name.trim(),
      firstRow: num(c.firstRow),
      lastRow: num(c.lastRow),
      seatsAcross: c.seatsAcross.replace(/\s+/g, "").toUpperCase(),
      ...(c.pitchInches.trim() ? { pitchInches: num(c.pitchInches) } : {}),
      skipRows: listItems(c.skipRows).map(num),
      exitRows: listItems(c.exitRows).map(num),
      extraLegroomRows: listItems(c.extraLegroomRows).map(num),
      blockedSeats: listItems(c.blockedSeats).map((s) => s.toUpperCase()),
      missingSeats: listItems(c.missingSeats).map((s) => s.toUpperCase()),
    })),
  };
}

/** The type's other fields for the API (unchecked). */
export function typeInput(f: TypeFields) {
  return {
    name: f.name.trim(),
    manufacturer: f.manufacturer.trim(),
    cruiseKmh: num(f.cruiseKmh),
    rangeKm: num(f.rangeKm),
    layout: layoutInput(f.cabins),
  };
}

/** A stable text of a layout body: the same seats and rows in any order compare equal. */
export function layoutKey(layout: unknown): string {
  return JSON.stringify(
    layout,
    (_key, value) =>
      Array.isArray(value) && value.every((v) => typeof v !== "object")
        ? [...value].sort()
        : value && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
        : value,
  );
}

/**
 * Field problems keyed by input name: "layout.cabins.0.blockedSeats.2" → "cabins.0.blockedSeats";
 * a problem with the whole layout goes under "layout".
 */
export function problemsByField(
  problems: readonly { path: string; message: string }[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) {
    const parts = p.path.split(".").filter((s) => s !== "layout");
    const key = parts[0] === "cabins" && parts.length >= 2
      ? parts.slice(0, 3).join(".")
      : parts.length === 0 || parts[0] === "(root)" || parts[0] === "cabins"
      ? "layout"
      : parts[0];
    (out[key] ??= []).push(p.message);
  }
  return out;
}
