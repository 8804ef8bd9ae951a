import { CABINS } from "../client/flight_form_data.ts";
import { Field, SelectField } from "./AdminForm.tsx";

/** An aircraft type as the flight forms offer it. */
export interface AircraftTypeOption {
  code: string;
  name: string;
  /** The cabins its layout has, e.g. ["J", "Y"]. */
  cabins: string[];
}

/** Props of FlightFields. */
export interface FlightFieldsProps {
  values: Record<string, string>;
  errors: Record<string, string>;
  aircraftTypes: AircraftTypeOption[];
  idPrefix?: string;
}

/**
 * The fields every flight form shares: number and route, aircraft, currency and a base fare
 * per cabin (named like the API's fields, so its problems land next to them).
 */
export function FlightFields({ values: v, errors: e, aircraftTypes, idPrefix }: FlightFieldsProps) {
  const types = [
    ["", "— take it from the registration —"] as const,
    ...aircraftTypes.map((t) => [t.code, `${t.code} · ${t.name} (${t.cabins.join(" ")})`] as const),
  ];
  const field = { idPrefix };
  return (
    <>
      <fieldset class="field-grid">
        <legend>Flight</legend>
        <Field
          {...field}
          label="Carrier"
          name="carrier"
          value={v.carrier}
          error={e.carrier}
          maxLength={2}
        />
        <Field
          {...field}
          label="Flight number"
          name="flightNumber"
          value={v.flightNumber}
          error={e.flightNumber}
          required
          maxLength={5}
          placeholder="123"
        />
        <Field
          {...field}
          label="From (IATA)"
          name="origin"
          value={v.origin}
          error={e.origin}
          required
          maxLength={3}
          placeholder="LHR"
        />
        <Field
          {...field}
          label="To (IATA)"
          name="destination"
          value={v.destination}
          error={e.destination}
          required
          maxLength={3}
          placeholder="JFK"
        />
      </fieldset>
      <fieldset class="field-grid">
        <legend>Aircraft</legend>
        <SelectField
          {...field}
          label="Aircraft type"
          name="aircraftType"
          value={v.aircraftType}
          error={e.aircraftType}
          options={types}
        />
        <Field
          {...field}
          label="Registration (optional)"
          name="aircraftRegistration"
          value={v.aircraftRegistration}
          error={e.aircraftRegistration}
          maxLength={10}
        />
      </fieldset>
      <fieldset class="field-grid">
        <legend>Base fares</legend>
        <p class="form-field-hint field-grid-wide">
          In the currency's units (159.50); leave a cabin empty when the aircraft has none.
        </p>
        {e.baseFares && <p class="form-field-error form-grid-wide">{e.baseFares}</p>}
        <Field
          {...field}
          label="Currency"
          name="currency"
          value={v.currency}
          error={e.currency}
          maxLength={3}
        />
        {CABINS.map(([code, name]) => (
          <Field
            {...field}
            key={code}
            label={`${name} (${code})`}
            name={`baseFares.${code}`}
            value={v[`baseFares.${code}`]}
            error={e[`baseFares.${code}`]}
            inputMode="decimal"
          />
        ))}
      </fieldset>
    </>
  );
}
