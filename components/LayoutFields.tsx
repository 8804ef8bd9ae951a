import type { ComponentChildren } from "preact";
import { type CabinFields, MAX_CABINS } from "../domain/layout_edit.ts";

/** Props of Field. */
export interface FieldProps {
  label: string;
  name: string;
  value: string;
  errors?: Record<string, string[]>;
  hint?: string;
  /** Field problems are looked up under this key (default: `name`). */
  errorKey?: string;
  inputMode?: "numeric" | "text";
  required?: boolean;
  onInput?: (value: string) => void;
}

/** The id of the input named `name`. */
export const idOf = (name: string) => `f-${name.replaceAll(".", "-")}`;

/** Labels of a cabin's inputs. */
export const CABIN_LABELS: Record<keyof CabinFields, string> = {
  code: "Cabin code",
  name: "Cabin name",
  firstRow: "First row",
  lastRow: "Last row",
  seatsAcross: "Seats across",
  pitchInches: "Pitch (inches)",
  skipRows: "Skipped rows",
  exitRows: "Exit rows",
  extraLegroomRows: "Extra legroom rows",
  blockedSeats: "Blocked seats",
  missingSeats: "Missing seats",
};

const TYPE_LABELS: Record<string, string> = {
  code: "Type code",
  name: "Name",
  manufacturer: "Manufacturer",
  cruiseKmh: "Cruise speed",
  rangeKm: "Range",
  layout: "Seat layout",
};

/** A problem key (an input name) in words: "cabins.1.lastRow" → "Cabin 2, last row". */
export function fieldLabel(key: string): string {
  const m = /^cabins\.(\d+)(?:\.(\w+))?$/.exec(key);
  if (!m) return TYPE_LABELS[key] ?? key;
  const field = CABIN_LABELS[m[2] as keyof CabinFields];
  return `Cabin ${Number(m[1]) + 1}${field ? `, ${field.toLowerCase()}` : ""}`;
}

/** Every problem as a list linking to its input, for the top of a form. */
export function ProblemList({ errors }: { errors: Record<string, string[]> }) {
  return (
    <ul>
      {Object.entries(errors).map(([key, messages]) => (
        <li key={key}>
          {problemLink(key)}: {messages.join("; ")}
        </li>
      ))}
    </ul>
  );
}

function problemLink(key: string) {
  const linkable = key !== "layout" && !/^cabins\.\d+$/.test(key);
  return linkable ? <a href={`#${idOf(key)}`}>{fieldLabel(key)}</a> : fieldLabel(key);
}

/** A labelled text input with its hint and problems tied to it for assistive technology. */
export function Field(p: FieldProps) {
  const id = idOf(p.name);
  const problems = p.errors?.[p.errorKey ?? p.name] ?? [];
  const described = [p.hint && `${id}-hint`, problems.length > 0 && `${id}-error`]
    .filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      {p.hint && <span class="hint" id={`${id}-hint`}>{p.hint}</span>}
      <input
        id={id}
        name={p.name}
        value={p.value}
        inputMode={p.inputMode}
        required={p.required}
        aria-invalid={problems.length > 0 ? "true" : undefined}
        aria-describedby={described || undefined}
        onInput={p.onInput && ((e) => p.onInput!((e.currentTarget as HTMLInputElement).value))}
      />
      {problems.length > 0 && (
        <span class="field-error" id={`${id}-error`}>{problems.join("; ")}</span>
      )}
    </div>
  );
}

/** Props of CabinFieldset. */
export interface CabinFieldsetProps {
  cabin: CabinFields;
  index: number;
  errors?: Record<string, string[]>;
  legend: string;
  onChange?: (cabin: CabinFields) => void;
  /** The seat grid and buttons, after hydration. */
  children?: ComponentChildren;
}

/** One cabin's inputs, named `cabins.N.field` so that a form post carries the layout. */
export function CabinFieldset(
  { cabin, index, errors, legend, onChange, children }: CabinFieldsetProps,
) {
  const key = (f: keyof CabinFields) => `cabins.${index}.${f}`;
  const field = (f: keyof CabinFields, hint?: string, numeric = false) => (
    <Field
      label={CABIN_LABELS[f]}
      name={key(f)}
      value={cabin[f]}
      hint={hint}
      errors={errors}
      inputMode={numeric ? "numeric" : undefined}
      onInput={onChange && ((v) => onChange({ ...cabin, [f]: v }))}
    />
  );
  const cabinProblems = errors?.[`cabins.${index}`] ?? [];
  return (
    <fieldset class="cabin-fields">
      <legend>{legend}</legend>
      {cabinProblems.length > 0 && <p class="field-error">{cabinProblems.join("; ")}</p>}
      <div class="field-row">
        {field("code", "F, J, W or Y")}
        {field("name")}
        {field("firstRow", undefined, true)}
        {field("lastRow", undefined, true)}
        {field("seatsAcross", "Letters, | for an aisle: ABC|DEF")}
        {field("pitchInches", "Optional", true)}
      </div>
      <div class="field-row">
        {field("skipRows", "e.g. 13")}
        {field("exitRows")}
        {field("extraLegroomRows")}
        {field("blockedSeats", "e.g. 12A, 12F")}
        {field("missingSeats")}
      </div>
      {children}
    </fieldset>
  );
}

/** How many empty cabin slots a form without JavaScript offers for adding cabins. */
export function spareSlots(cabins: number): number {
  return Math.max(0, MAX_CABINS - cabins);
}
