import type { ComponentChildren } from "preact";

/** Props of Field. */
export interface FieldProps {
  label: string;
  name: string;
  value?: string;
  /** The problem with this field, shown under it and announced with it. */
  error?: string;
  hint?: string;
  type?: "text" | "date" | "time" | "datetime-local" | "number" | "search" | "email";
  required?: boolean;
  /** Prefix of the ids, so that one page can hold several forms with the same field names. */
  idPrefix?: string;
  maxLength?: number;
  placeholder?: string;
  inputMode?: "text" | "decimal" | "numeric";
  autoComplete?: string;
  class?: string;
}

/** The id of a field's control, as Field builds it. */
export function fieldId(name: string, idPrefix = "f"): string {
  return `${idPrefix}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function described(id: string, hint?: string, error?: string): string | undefined {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

/** A labelled input with its hint and its problem (aria-invalid, aria-describedby). */
export function Field(p: FieldProps) {
  const id = fieldId(p.name, p.idPrefix);
  return (
    <div class={`form-field${p.error ? " form-field-invalid" : ""}${p.class ? ` ${p.class}` : ""}`}>
      <label for={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        type={p.type ?? "text"}
        value={p.value ?? ""}
        required={p.required}
        maxLength={p.maxLength}
        placeholder={p.placeholder}
        inputMode={p.inputMode}
        autoComplete={p.autoComplete ?? "off"}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={described(id, p.hint, p.error)}
      />
      {p.hint && <p class="form-field-hint" id={`${id}-hint`}>{p.hint}</p>}
      {p.error && <p class="form-field-error" id={`${id}-error`}>{p.error}</p>}
    </div>
  );
}

/** Props of SelectField. */
export interface SelectFieldProps {
  label: string;
  name: string;
  value?: string;
  options: readonly (readonly [value: string, label: string])[];
  error?: string;
  hint?: string;
  idPrefix?: string;
  required?: boolean;
}

/** A labelled select with its hint and problem. */
export function SelectField(p: SelectFieldProps) {
  const id = fieldId(p.name, p.idPrefix);
  return (
    <div class={`form-field${p.error ? " form-field-invalid" : ""}`}>
      <label for={id}>{p.label}</label>
      <select
        id={id}
        name={p.name}
        value={p.value ?? ""}
        required={p.required}
        aria-invalid={p.error ? "true" : undefined}
        aria-describedby={described(id, p.hint, p.error)}
      >
        {p.options.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
      {p.hint && <p class="form-field-hint" id={`${id}-hint`}>{p.hint}</p>}
      {p.error && <p class="form-field-error" id={`${id}-error`}>{p.error}</p>}
    </div>
  );
}

/** A problem with a whole form (a conflict, or a summary of bad fields), announced at once. */
export function FormProblem({ children }: { children: ComponentChildren }) {
  return <div class="form-error" role="alert">{children}</div>;
}

/** A success message after a redirect, announced politely. */
export function Notice({ children }: { children: ComponentChildren }) {
  return <p class="notice" role="status">{children}</p>;
}
