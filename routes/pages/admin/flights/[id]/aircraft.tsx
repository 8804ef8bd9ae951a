import { AppError } from "../../../../../domain/app_error.ts";
import { type FormFields, text, toMinor } from "../../../../../islands/client/flight_form_data.ts";
import { CABINS } from "../../../../../islands/client/flight_form_data.ts";
import { getFlightForPage } from "../../../../../services/flights/flight_page.ts";
import {
  changeAircraft,
  previewAircraft,
} from "../../../../../services/flights/flight_controls.ts";
import {
  AircraftOutcomePage,
  AircraftPreviewPage,
} from "../../../../../components/AircraftChangePages.tsx";
import { AircraftBody } from "../../../../api/admin_flight_inventory.ts";
import { actorOf } from "../../../../actor.ts";
import { adminDeps } from "../../../../deps.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderPage } from "../../../../render.tsx";
import { formFields, zodProblems } from "../../_forms.ts";
import { renderFlightPage } from "./index.tsx";

const FIELDS = ["aircraft", "aircraftRegistration", ...CABINS.map(([c]) => `baseFares.${c}`)];

/** The aircraft form as the API's body, or what is wrong with it. */
function aircraftBody(form: FormFields, currency: string) {
  const [type, config] = text(form, "aircraft").split("/");
  const baseFares: Record<string, number> = {};
  const problems: string[] = [];
  for (const [cabin, name] of CABINS) {
    const raw = text(form, `baseFares.${cabin}`);
    if (!raw) continue;
    const minor = toMinor(raw, currency);
    if (typeof minor === "number") baseFares[cabin] = minor;
    else problems.push(`${name} fare: ${minor}`);
  }
  const parsed = AircraftBody.safeParse({
    aircraftType: type || undefined,
    aircraftConfiguration: config || undefined,
    aircraftRegistration: text(form, "aircraftRegistration") || undefined,
    ...(Object.keys(baseFares).length ? { baseFares } : {}),
  });
  if (!parsed.success) {
    return { problems: [...problems, ...zodProblems(parsed.error).map((p) => p.message)] };
  }
  return problems.length ? { problems } : { body: parsed.data };
}

/**
 * `POST /admin/flights/:id/aircraft`: an aircraft change in two steps. `step=preview` shows
 * what it would do (seat moves, short cabins, crew without a rating) and changes nothing;
 * `step=confirm` makes it and shows what it did.
 */
export const page = definePage({
  path: "/admin/flights/:id{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}/aircraft",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c) => {
      const id = c.req.param("id");
      const flight = await getFlightForPage(deps.db.sql, id);
      const form = await formFields(c);
      const read = aircraftBody(form, flight.currency);
      const refuse = (problem: string, status: 400 | 409 | 422) =>
        renderFlightPage(c, deps, id, { aircraftProblem: problem }, status);
      if (!read.body) return await refuse(read.problems.join("; "), 400);
      const input = { flightId: id, request: read.body };
      try {
        if (text(form, "step") === "confirm") {
          const outcome = await changeAircraft(adminDeps(deps), actorOf(c), input);
          return renderPage(c, <AircraftOutcomePage outcome={outcome} />);
        }
        const preview = await previewAircraft(adminDeps(deps), input);
        const confirm = Object.fromEntries(FIELDS.map((f) => [f, text(form, f)]));
        return renderPage(
          c,
          <AircraftPreviewPage flight={flight} preview={preview} confirm={confirm} />,
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404 || err.status >= 500) throw err;
        const detail = [err.detail ?? err.title, ...(err.errors ?? []).map((e) => e.message)];
        const status = err.status === 400 || err.status === 409 ? err.status : 422;
        return await refuse(detail.join(": "), status);
      }
    },
  }),
});
