import type { ComponentChildren } from "preact";
import type { CabinFields } from "../../domain/layout_edit.ts";

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

/** A labelled text input with its hint and problems tied to it for assistive technology. */
export function Field(p: FieldProps) {
  const id = idOf(p.name);
  const problems = p.errors?.[p.errorKey ?? p.name] ?? [];
  const described = [p.hint && `${id}-hint`, problems.length > 0 && `${id}-error`]
    .filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
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
      {p.hint && <span class="hint" id={`${id}-hint`}>{p.hint}</span>}
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
