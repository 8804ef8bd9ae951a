import { SeatFeesSchema } from "../../../../../domain/seat_fees.ts";
import { FEE_AMOUNTS } from "../../../../../components/SeatFeesForm.tsx";
import { notFound } from "../../../../../domain/app_error.ts";
import { aircraftTypeToEdit } from "../../../../../services/fleet/fleet_views.ts";
import { setAircraftTypeFees } from "../../../../../services/fleet/seat_fees.ts";
import { TypeCodeParam } from "../../../../../services/fleet/aircraft_type_input.ts";
import type { CabinLayout } from "../../../../../domain/seat_layout.ts";
import { actorOf } from "../../../../actor.ts";
import { definePage, STAFF } from "../../../../define_page.ts";

/** The fees a SeatFeesForm posted, for SeatFeesSchema to check (amounts to minor units). */
function feesFromForm(
  form: Record<string, unknown>,
  cabins: Pick<CabinLayout, "code">[],
): Record<string, Record<string, number>> {
  const number = (name: string) => {
    const raw = form[name];
    return typeof raw === "string" && raw.trim() !== "" ? Number(raw) : 0;
  };
  return Object.fromEntries(cabins.map((c) => [c.code, {
    ...Object.fromEntries(
      FEE_AMOUNTS.map(([key]) => [key, Math.round(number(`${c.code}.${key}`) * 100)]),
    ),
    frontRows: number(`${c.code}.frontRows`),
  }]));
}

/**
 * `POST /admin/aircraft-types/:code/seat-fees`: the type page's seat-fees form, checked by the
 * API's schema; back to the type's page with a notice, or with what was wrong.
 */
export const page = definePage({
  path: "/admin/aircraft-types/:code/seat-fees",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c) => {
      const parsed = TypeCodeParam.safeParse({ code: c.req.param("code") });
      const found = parsed.success
        ? await aircraftTypeToEdit(deps.db.sql, parsed.data.code, deps.clock.now())
        : undefined;
      if (!found) throw notFound("Aircraft type");
      const type = found.type;
      const back = `/admin/aircraft-types/${type.code}`;
      const fees = SeatFeesSchema.safeParse(
        feesFromForm(await c.req.parseBody(), type.layout.cabins),
      );
      if (!fees.success) return c.redirect(`${back}?fees=invalid#seat-fees`, 303);
      await setAircraftTypeFees(deps.db.sql, actorOf(c), type.code, fees.data);
      return c.redirect(`${back}?fees=saved#seat-fees`, 303);
    },
  }),
});
