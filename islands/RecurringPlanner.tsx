import { defineIsland } from "./island.ts";
import { useEffect, useRef, useState } from "preact/hooks";
import type { AircraftTypeOption } from "./parts/FlightFields.tsx";
import { FlightFields } from "./parts/FlightFields.tsx";
import { Field, FormProblem, SelectField } from "./parts/AdminForm.tsx";
import { api } from "./client/api.ts";
import { type FormFields, problemsByField, recurrenceInput } from "./client/flight_form_data.ts";
import { type SeriesPreviewData, SeriesPreviewTable } from "./parts/SeriesPreviewTable.tsx";

/** Props of RecurringPlanner. */
export interface RecurringPlannerProps {
  csrf: string;
  aircraftTypes: AircraftTypeOption[];
  values: Record<string, string>;
  weekdays: string[];
  errors: Record<string, string>;
  problem?: string;
  preview?: SeriesPreviewData;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const OFFSETS = [["0", "the same day"], ["1", "the next day"], ["2", "two days later"]] as const;
const DELAY_MS = 400;

function readForm(form: HTMLFormElement): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== "string") continue;
    const seen = fields[name];
    fields[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return fields;
}

function complete(input: ReturnType<typeof recurrenceInput>["input"]): boolean {
  return !!(input.flightNumber && input.origin && input.destination && input.departureTime &&
    input.arrivalTime && input.startDate && input.endDate && input.weekdays.length &&
    (input.aircraftType || input.aircraftRegistration) && Object.keys(input.baseFares).length);
}

/**
 * The recurring schedule form. It posts like any form (Preview renders the preview on the
 * server, Create makes the flights); once hydrated, it previews as the fields change.
 */
function RecurringPlanner(p: RecurringPlannerProps) {
  const [values, setValues] = useState(p.values);
  const [weekdays, setWeekdays] = useState(p.weekdays);
  const [errors, setErrors] = useState(p.errors);
  const [problem, setProblem] = useState(p.problem);
  const [preview, setPreview] = useState(p.preview);
  const [waiting, setWaiting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function refresh(fields: FormFields) {
    const ask = ++latest.current;
    const { input, problems } = recurrenceInput(fields);
    if (problems.length || !complete(input)) {
      setErrors(problemsByField(problems));
      setWaiting(false);
      return;
    }
    const res = await api<SeriesPreviewData>("/api/admin/flights/recurring/preview", {
      method: "POST",
      body: input,
    });
    if (ask !== latest.current) return; // a newer edit is on its way
    setWaiting(false);
    setErrors(res.ok ? {} : problemsByField(res.problem.errors ?? []));
    setProblem(res.ok ? undefined : res.problem.errors?.length ? undefined : res.problem.detail);
    if (res.ok) setPreview(res.data);
  }

  function changed(e: Event) {
    const fields = readForm(e.currentTarget as HTMLFormElement);
    const { weekdays: days, ...rest } = fields;
    setValues(rest as Record<string, string>);
    setWeekdays(days === undefined ? [] : Array.isArray(days) ? days : [days]);
    setWaiting(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => refresh(fields), DELAY_MS);
  }

  return (
    <div class="recurring-planner">
      <form
        method="post"
        action="/admin/flights/recurring"
        novalidate
        onInput={changed}
        onChange={changed}
      >
        <input type="hidden" name="_csrf" value={p.csrf} />
        {problem && <FormProblem>{problem}</FormProblem>}
        <FlightFields values={values} errors={errors} aircraftTypes={p.aircraftTypes} />
        <fieldset class="field-grid">
          <legend>Times (local at each airport)</legend>
          <Field
            label="Departs at"
            name="departureTime"
            type="time"
            value={values.departureTime}
            error={errors.departureTime}
          />
          <Field
            label="Arrives at"
            name="arrivalTime"
            type="time"
            value={values.arrivalTime}
            error={errors.arrivalTime}
          />
          <SelectField
            label="Arrival day"
            name="arrivalDayOffset"
            value={values.arrivalDayOffset}
            options={OFFSETS}
            error={errors.arrivalDayOffset}
          />
        </fieldset>
        <fieldset class="field-grid">
          <legend>Season</legend>
          <Field
            label="First day"
            name="startDate"
            type="date"
            value={values.startDate}
            error={errors.startDate}
          />
          <Field
            label="Last day"
            name="endDate"
            type="date"
            value={values.endDate}
            error={errors.endDate}
          />
        </fieldset>
        <fieldset
          class="weekdays"
          aria-describedby={errors.weekdays ? "weekdays-error" : undefined}
        >
          <legend>Weekdays</legend>
          {WEEKDAYS.map((day, i) => (
            <label key={day}>
              <input
                type="checkbox"
                name="weekdays"
                value={String(i + 1)}
                checked={weekdays.includes(String(i + 1))}
              />
              {day}
            </label>
          ))}
          {errors.weekdays && <p class="form-field-error" id="weekdays-error">{errors.weekdays}</p>}
        </fieldset>
        <div class="button-row">
          <button type="submit" name="intent" value="preview" class="secondary">Preview</button>
          <button type="submit" name="intent" value="create">Create the flights</button>
        </div>
      </form>
      <SeriesPreviewTable preview={preview} waiting={waiting} />
    </div>
  );
}

/** The RecurringPlanner island, as pages embed it. */
export default defineIsland("RecurringPlanner", RecurringPlanner);
