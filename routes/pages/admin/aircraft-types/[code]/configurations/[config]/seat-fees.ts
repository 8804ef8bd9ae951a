import { SeatFeesSchema } from "../../../../../../../domain/seat_fees.ts";
import { FEE_AMOUNTS } from "../../../../../../../components/SeatFeesForm.tsx";
import { notFound } from "../../../../../../../domain/app_error.ts";
import { configuration } from "../../../../../../../services/fleet/fleet_views.ts";
import { setConfigurationFees } from "../../../../../../../services/fleet/seat_fees.ts";
import { ConfigParam } from "../../../../../../../services/fleet/aircraft_type_input.ts";
import type { CabinLayout } from "../../../../../../../domain/seat_layout.ts";
import { actorOf } from "../../../../../../actor.ts";
import { definePage, STAFF } from "../../../../../../define_page.ts";

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
 * `POST /admin/aircraft-types/:code/configurations/:config/seat-fees`: the configuration
 * page's seat-fees form, checked by the API's schema; back to the configuration's page with a
 * notice, or with what was wrong.
 */
export const page = definePage({
  path: "/admin/aircraft-types/:code/configurations/:config/seat-fees",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c) => {
      const parsed = ConfigParam.safeParse(c.req.param());
      const found = parsed.success
        ? await configuration(deps.db.sql, parsed.data.code, parsed.data.config)
        : undefined;
      if (!found) throw notFound("Aircraft configuration");
      const back = `/admin/aircraft-types/${found.typeCode}/configurations/${found.code}`;
      const fees = SeatFeesSchema.safeParse(
        feesFromForm(await c.req.parseBody(), found.layout.cabins),
      );
      if (!fees.success) return c.redirect(`${back}?fees=invalid#seat-fees`, 303);
      await setConfigurationFees(deps.db.sql, actorOf(c), found, fees.data);
      return c.redirect(`${back}?fees=saved#seat-fees`, 303);
    },
  }),
});
