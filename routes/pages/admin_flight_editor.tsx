import { type Context, Hono } from "hono";
import type { AppError } from "../../domain/app_error.ts";
import { FlightInputSchema } from "../../domain/schedule.ts";
import { aircraftTypeChoices } from "../../db/admin_pages_repo.ts";
import { flightInput, problemsByField } from "../../components/client/flight_form_data.ts";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { FlightForm } from "../../components/FlightForm.tsx";
import { createFlight, removeFlight, saveFlight } from "../page_actions.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";
import { formFailure, formFields, formValues, zodProblems } from "./admin_page_support.ts";
import { renderFlightPage } from "./admin_flight_view.tsx";
import { flightStatusRoute, statusNotice } from "./admin_flight_status.tsx";

const ID = ":id{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

const DONE: Record<string, string> = {
  created: "Flight created.",
  saved: "Changes saved; passengers hear of new times.",
  unchanged: "Nothing changed.",
};

/** The posted flight form checked like the JSON API's body; problems by field. */
async function readFlightForm(c: Context<AppEnv>) {
  const form = await formFields(c);
  const { input, problems } = flightInput(form);
  const parsed = FlightInputSchema.safeParse(input);
  const all = [...problems, ...(parsed.success ? [] : zodProblems(parsed.error))];
  return {
    values: formValues(form),
    input: all.length || !parsed.success ? undefined : parsed.data,
    errors: problemsByField(all),
  };
}

interface NewFlightData {
  values: Record<string, string>;
  errors: Record<string, string>;
  problem?: string;
  aircraftTypes: Awaited<ReturnType<typeof aircraftTypeChoices>>;
}

function NewFlightPage({ data }: { data: NewFlightData }) {
  return (
    <AdminLayout title="New flight">
      <p>
        <a href="/admin/flights">← All flights</a>
      </p>
      <h1>New flight</h1>
      <FlightForm action="/admin/flights/new" submitLabel="Create the flight" {...data} />
    </AdminLayout>
  );
}

/**
 * `/admin/flights/new` and `/admin/flights/:id` (with `/delete` and `/status`): create, show,
 * edit and delete one flight with plain forms, by the same rules as the JSON API.
 */
export function adminFlightEditorPages(deps: AppDeps) {
  const staff = (c: Context<AppEnv>) => pageUser(c, ["operator", "admin"]);
  return new Hono<AppEnv>()
    .get("/admin/flights/new", async (c) => {
      const user = staff(c);
      if (user instanceof Response) return user;
      const aircraftTypes = await aircraftTypeChoices(deps.db.sql);
      const values = { carrier: "CT", currency: "USD" };
      return renderPage(c, <NewFlightPage data={{ values, errors: {}, aircraftTypes }} />);
    })
    .post("/admin/flights/new", async (c) => {
      const user = staff(c);
      if (user instanceof Response) return user;
      const { values, input, errors } = await readFlightForm(c);
      let failure: { errors: Record<string, string>; problem?: string } = { errors };
      let status: 400 | 409 | 422 = 400;
      if (input) {
        try {
          const id = await createFlight(deps, c, input);
          return c.redirect(`/admin/flights/${id}?done=created`, 303);
        } catch (err) {
          failure = formFailure(err);
          status = (err as AppError).status === 409 ? 409 : 422;
        }
      }
      const aircraftTypes = await aircraftTypeChoices(deps.db.sql);
      const data = { values, ...failure, aircraftTypes };
      return renderPage(c, <NewFlightPage data={data} />, status);
    })
    .get(`/admin/flights/${ID}`, async (c) => {
      const user = staff(c);
      if (user instanceof Response) return user;
      const notice = DONE[c.req.query("done") ?? ""] ?? statusNotice(c.req.query());
      return await renderFlightPage(c, deps, c.req.param("id"), { notice });
    })
    .post(`/admin/flights/${ID}`, async (c) => {
      const user = staff(c);
      if (user instanceof Response) return user;
      const id = c.req.param("id");
      const { values, input, errors } = await readFlightForm(c);
      if (!input) return await renderFlightPage(c, deps, id, { edit: { values, errors } }, 400);
      try {
        const { changes } = await saveFlight(deps, c, id, input);
        return c.redirect(
          `/admin/flights/${id}?done=${changes.length ? "saved" : "unchanged"}`,
          303,
        );
      } catch (err) {
        const edit = { values, ...formFailure(err) };
        const status = (err as AppError).status === 409 ? 409 : 422;
        return await renderFlightPage(c, deps, id, { edit }, status);
      }
    })
    .post(`/admin/flights/${ID}/delete`, async (c) => {
      const user = staff(c);
      if (user instanceof Response) return user;
      const id = c.req.param("id");
      try {
        await removeFlight(deps, c, id);
      } catch (err) {
        const { problem } = formFailure(err);
        return await renderFlightPage(c, deps, id, { deleteProblem: problem }, 409);
      }
      return c.redirect("/admin/flights?notice=deleted", 303);
    })
    .post(`/admin/flights/${ID}/status`, flightStatusRoute(deps));
}
