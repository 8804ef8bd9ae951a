import type { AppError } from "../../../../domain/app_error.ts";
import {
  type AircraftTypeChoice,
  aircraftTypeOptions,
} from "../../../../services/flights/flight_page.ts";
import { AdminLayout } from "../../../../components/AdminLayout.tsx";
import { FlightForm } from "../../../../components/FlightForm.tsx";
import { createFlight } from "../../../../services/flights/manage_flights.ts";
import { actorOf } from "../../../actor.ts";
import { adminDeps } from "../../../deps.ts";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { formFailure, readFlightForm } from "../_forms.ts";

interface NewFlightData {
  values: Record<string, string>;
  errors: Record<string, string>;
  problem?: string;
  aircraftTypes: AircraftTypeChoice[];
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

/** `/admin/flights/new`: one new flight from a plain form, by the same rules as the JSON API. */
export const page = definePage({
  path: "/admin/flights/new",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const aircraftTypes = await aircraftTypeOptions(deps.db.sql);
      const values = { carrier: "CT", currency: "USD" };
      return renderPage(c, <NewFlightPage data={{ values, errors: {}, aircraftTypes }} />);
    },
    POST: async (c) => {
      const { values, input, errors } = await readFlightForm(c);
      let failure: { errors: Record<string, string>; problem?: string } = { errors };
      let status: 400 | 409 | 422 = 400;
      if (input) {
        try {
          const id = await createFlight(adminDeps(deps), actorOf(c), input);
          return c.redirect(`/admin/flights/${id}?done=created`, 303);
        } catch (err) {
          failure = formFailure(err);
          status = (err as AppError).status === 409 ? 409 : 422;
        }
      }
      const aircraftTypes = await aircraftTypeOptions(deps.db.sql);
      const data = { values, ...failure, aircraftTypes };
      return renderPage(c, <NewFlightPage data={data} />, status);
    },
  }),
});
