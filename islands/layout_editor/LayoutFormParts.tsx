import {
  blankCabin,
  type CabinFields,
  MAX_CABINS,
  type TypeFields,
} from "../../domain/layout_edit.ts";
import { CABIN_LABELS, CabinFieldset, Field, idOf } from "./LayoutFields.tsx";

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

/** Props of TypeFieldset. */
export interface TypeFieldsetProps {
  fields: TypeFields;
  /** The code is only asked for a new type (it is the type's address afterwards). */
  withCode: boolean;
  /** A cabin configuration of this type: only its code and name are its own. */
  configurationOf?: string;
  errors: Record<string, string[]>;
  onChange?: (fields: TypeFields) => void;
}

const TYPE_INPUTS: {
  key: keyof Omit<TypeFields, "cabins" | "code">;
  label: string;
  numeric?: boolean;
}[] = [
  { key: "name", label: "Name" },
  { key: "manufacturer", label: "Manufacturer" },
  { key: "cruiseKmh", label: "Cruise speed (km/h)", numeric: true },
  { key: "rangeKm", label: "Range (km)", numeric: true },
];

/** The aircraft type's own inputs: code (new types only), name, manufacturer, figures. */
export function TypeFieldset(
  { fields, withCode, configurationOf, errors, onChange }: TypeFieldsetProps,
) {
  const set = (key: keyof TypeFields) =>
    onChange && ((v: string) => onChange({ ...fields, [key]: v }));
  const inputs = configurationOf ? TYPE_INPUTS.slice(0, 1) : TYPE_INPUTS;
  return (
    <fieldset class="type-fields">
      <legend>
        {configurationOf ? `Configuration of the ${configurationOf}` : "Aircraft type"}
      </legend>
      <div class="field-row">
        {withCode && (
          <Field
            label={configurationOf ? "Configuration code" : "Type code"}
            name="code"
            value={fields.code}
            hint={configurationOf
              ? "1-10 letters or digits, e.g. HD186"
              : "2-10 letters or digits, e.g. A21N"}
            errors={errors}
            required
            onInput={set("code")}
          />
        )}
        {inputs.map((t) => (
          <Field
            key={t.key}
            label={t.label}
            name={t.key}
            value={fields[t.key]}
            errors={errors}
            required
            inputMode={t.numeric ? "numeric" : undefined}
            onInput={set(t.key)}
          />
        ))}
      </div>
    </fieldset>
  );
}

const EMPTY_CABIN: CabinFields = {
  ...blankCabin(),
  code: "",
  name: "",
  firstRow: "",
  lastRow: "",
  seatsAcross: "",
};

/** Empty cabins a form without JavaScript can fill in to add cabins (blank ones are skipped). */
export function SpareCabins({ after }: { after: number }) {
  const spare = Math.max(0, MAX_CABINS - after);
  if (spare === 0) return null;
  return (
    <details class="spare-cabins">
      <summary>Add a cabin</summary>
      {Array.from({ length: spare }, (_, k) => (
        <CabinFieldset
          key={after + k}
          cabin={EMPTY_CABIN}
          index={after + k}
          legend={`New cabin ${after + k + 1} (leave empty to skip)`}
        />
      ))}
    </details>
  );
}
