import { Field, FormProblem } from "../islands/parts/AdminForm.tsx";
import { type AircraftTypeOption, FlightFields } from "../islands/parts/FlightFields.tsx";
import { CsrfField } from "./Layout.tsx";

/** Props of FlightForm. */
export interface FlightFormProps {
  action: string;
  submitLabel: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  /** A problem with the whole flight (it already flies that day, it departed...). */
  problem?: string;
  aircraftTypes: AircraftTypeOption[];
}

/** A single flight's form in local times at each airport; posts to `action` with CSRF. */
export function FlightForm(p: FlightFormProps) {
  const count = Object.keys(p.errors).length;
  return (
    <form method="post" action={p.action} class="flight-form" novalidate>
      <CsrfField />
      {p.problem && <FormProblem>{p.problem}</FormProblem>}
      {!p.problem && count > 0 && (
        <FormProblem>
          {count === 1 ? "One field needs" : `${count} fields need`} attention; see below.
        </FormProblem>
      )}
      <FlightFields values={p.values} errors={p.errors} aircraftTypes={p.aircraftTypes} />
      <fieldset class="field-grid">
        <legend>Times (local at each airport)</legend>
        <Field
          label="Departure"
          name="departureLocal"
          type="datetime-local"
          value={p.values.departureLocal}
          error={p.errors.departureLocal}
          required
        />
        <Field
          label="Arrival"
          name="arrivalLocal"
          type="datetime-local"
          value={p.values.arrivalLocal}
          error={p.errors.arrivalLocal}
          required
        />
        <Field
          label="Departure UTC offset"
          name="departureOffset"
          value={p.values.departureOffset}
          hint="Only for a time that happens twice as the clocks go back, e.g. +01:00"
          maxLength={6}
        />
        <Field
          label="Arrival UTC offset"
          name="arrivalOffset"
          value={p.values.arrivalOffset}
          hint="Likewise, for the arrival"
          maxLength={6}
        />
      </fieldset>
      <button type="submit">{p.submitLabel}</button>
    </form>
  );
}
