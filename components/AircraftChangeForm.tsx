import type { AdminFlightPageData } from "../services/flights/flight_page.ts";
import type { AdminFlight } from "../domain/views/flight.ts";
import { CABINS } from "../islands/client/flight_form_data.ts";
import { Field, FormProblem } from "../islands/parts/AdminForm.tsx";
import { CsrfField } from "./Layout.tsx";

/** `TYPE/CONFIG`: how the aircraft select names a configuration of a type. */
export const aircraftChoice = (type: string, config: string) => `${type}/${config}`;

/**
 * The flight page's aircraft change: a configuration of any type (or an airframe), fares for
 * cabins the flight does not have yet; it asks for a preview first, never changes at once.
 */
export function AircraftChangeForm(
  { flight, aircraftTypes, problem }: {
    flight: AdminFlight;
    aircraftTypes: AdminFlightPageData["aircraftTypes"];
    problem?: string;
  },
) {
  const current = aircraftChoice(flight.aircraftType, flight.aircraftConfiguration);
  const has = new Set(Object.keys(flight.baseFares));
  return (
    <form
      method="post"
      action={`/admin/flights/${flight.id}/aircraft`}
      class="card"
      aria-labelledby="aircraft-heading"
    >
      <h2 id="aircraft-heading">Change the aircraft</h2>
      <CsrfField />
      <input type="hidden" name="step" value="preview" />
      {problem && <FormProblem>{problem}</FormProblem>}
      <p class="muted">
        Now {flight.aircraftType} configuration{" "}
        {flight.aircraftConfiguration}. You see who would move and which crew lack a rating before
        anything changes.
      </p>
      <div class="form-field">
        <label for="aircraft-choice">Type and configuration</label>
        <select id="aircraft-choice" name="aircraft">
          {aircraftTypes.flatMap((t) =>
            t.configurations.map((c) => {
              const value = aircraftChoice(t.code, c.code);
              return (
                <option key={value} value={value} selected={value === current}>
                  {t.code} {c.code} · {c.name} ({c.cabins.join("")})
                </option>
              );
            })
          )}
        </select>
      </div>
      <Field
        idPrefix="aircraft"
        label="Airframe registration (optional)"
        name="aircraftRegistration"
      />
      {CABINS.filter(([code]) => !has.has(code)).map(([code, name]) => (
        <Field
          key={code}
          idPrefix="aircraft"
          label={`${name} fare (${flight.currency}), if the new aircraft has it`}
          name={`baseFares.${code}`}
        />
      ))}
      <button type="submit">Preview the change</button>
    </form>
  );
}
