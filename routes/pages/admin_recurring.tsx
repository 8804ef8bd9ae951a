import { Hono } from "hono";
import { RecurrenceSchema } from "../../domain/schedule.ts";
import { addDays } from "../../domain/time.ts";
import { aircraftTypeChoices } from "../../db/admin_pages_repo.ts";
import {
  type FormFields,
  problemsByField,
  recurrenceInput,
  text,
  values as fieldValues,
} from "../../components/client/flight_form_data.ts";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { Island } from "../../components/island.tsx";
import RecurringPlanner, { type RecurringPlannerProps } from "../../islands/RecurringPlanner.tsx";
import { createSeries, previewSeries } from "../page_actions.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";
import { formFailure, formFields, formValues, zodProblems } from "./admin_page_support.ts";

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
      <Island name="RecurringPlanner" component={RecurringPlanner} props={props} />
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

/**
 * `/admin/flights/recurring`: the recurring schedule form. Without JavaScript, "Preview"
 * renders the preview here and "Create" makes the flights; the island previews live.
 */
export function adminRecurringPage(deps: AppDeps) {
  const base = async (csrf: string) => ({
    csrf,
    aircraftTypes: await aircraftTypeChoices(deps.db.sql),
    errors: {},
  });
  return new Hono<AppEnv>()
    .get("/admin/flights/recurring", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const start = addDays(deps.clock.now().toISOString().slice(0, 10), 7);
      const values = { carrier: "CT", currency: "USD", startDate: start, arrivalDayOffset: "0" };
      const props = { ...await base(c.get("csrf")), values, weekdays: [] };
      return renderPage(c, <RecurringPage props={props} />);
    })
    .post("/admin/flights/recurring", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const form = await formFields(c);
      const { input, problems } = recurrenceInput(form);
      const parsed = RecurrenceSchema.safeParse(input);
      const props: RecurringPlannerProps = {
        ...await base(c.get("csrf")),
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
          const done = await createSeries(deps, c, parsed.data);
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
    });
}
