import { RecurrenceSchema } from "../../../../domain/schedule.ts";
import { addDays } from "../../../../domain/time.ts";
import { aircraftTypeOptions } from "../../../../services/flights/flight_page.ts";
import {
  type FormFields,
  problemsByField,
  recurrenceInput,
  text,
  values as fieldValues,
} from "../../../../islands/client/flight_form_data.ts";
import { AdminLayout } from "../../../../components/AdminLayout.tsx";
import RecurringPlanner, {
  type RecurringPlannerProps,
} from "../../../../islands/RecurringPlanner.tsx";
import { createSeries, previewSeries } from "../../../../services/schedule/recurring_schedule.ts";
import { actorOf } from "../../../actor.ts";
import type { AppDeps } from "../../../context.ts";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { formFailure, formFields, formValues, zodProblems } from "../_forms.ts";

function RecurringPage({ props }: { props: RecurringPlannerProps }) {
  return (
    <AdminLayout title="Recurring schedule">
      <p>
        <a href="/admin/flights">← All flights</a>
      </p>
      <h1>Recurring schedule</h1>
      <p>
        The same flight on chosen weekdays over a season, in local times at each airport. The
        preview lists every dated flight and what would be skipped.
      </p>
      <RecurringPlanner {...props} />
    </AdminLayout>
  );
}

/** Where the flights list shows a new series: its number over its first 92 days. */
function seriesHref(form: FormFields, created: number, skipped: number): string {
  const from = text(form, "startDate");
  const end = text(form, "endDate");
  const q = new URLSearchParams({
    from,
    to: end < addDays(from, 92) ? end : addDays(from, 92),
    origin: text(form, "origin").toUpperCase(),
    number: text(form, "flightNumber").toUpperCase(),
    notice: "series",
    created: String(created),
    skipped: String(skipped),
  });
  return `/admin/flights?${q}`;
}

/** What the planner starts from: the CSRF token and the aircraft types to choose from. */
async function base(deps: AppDeps, csrf: string) {
  return { csrf, aircraftTypes: await aircraftTypeOptions(deps.db.sql), errors: {} };
}

/**
 * `/admin/flights/recurring`: the recurring schedule form. Without JavaScript, "Preview"
 * renders the preview here and "Create" makes the flights; the island previews live.
 */
export const page = definePage({
  path: "/admin/flights/recurring",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const start = addDays(deps.clock.now().toISOString().slice(0, 10), 7);
      const values = { carrier: "CT", currency: "USD", startDate: start, arrivalDayOffset: "0" };
      const props = { ...await base(deps, c.get("csrf")), values, weekdays: [] };
      return renderPage(c, <RecurringPage props={props} />);
    },
    POST: async (c) => {
      const form = await formFields(c);
      const { input, problems } = recurrenceInput(form);
      const parsed = RecurrenceSchema.safeParse(input);
      const props: RecurringPlannerProps = {
        ...await base(deps, c.get("csrf")),
        values: formValues(form),
        weekdays: fieldValues(form, "weekdays"),
      };
      if (problems.length || !parsed.success) {
        props.errors = problemsByField([
          ...problems,
          ...(parsed.success ? [] : zodProblems(parsed.error)),
        ]);
        return renderPage(c, <RecurringPage props={props} />, 400);
      }
      try {
        if (text(form, "intent") === "create") {
          const done = await createSeries(
            { sql: deps.db.sql, store: deps.store },
            actorOf(c),
            parsed.data,
          );
          return c.redirect(seriesHref(form, done.created, done.skipped.length), 303);
        }
        props.preview = await previewSeries(deps.db.sql, parsed.data);
        return renderPage(c, <RecurringPage props={props} />);
      } catch (err) {
        const failure = formFailure(err);
        props.errors = failure.errors;
        props.problem = failure.problem;
        return renderPage(c, <RecurringPage props={props} />, 422);
      }
    },
  }),
});
