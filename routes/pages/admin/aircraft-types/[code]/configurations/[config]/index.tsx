import { showEditor } from "../../../_editor.tsx";
import { AppError, notFound } from "../../../../../../../domain/app_error.ts";
import {
  fieldsFromConfiguration,
  fieldsFromForm,
  layoutInput,
  layoutKey,
  problemsByField,
  typeInput,
} from "../../../../../../../domain/layout_edit.ts";
import { editConfiguration } from "../../../../../../../services/fleet/configuration_admin.ts";
import { configurationViews } from "../../../../../../../services/fleet/fleet_views.ts";
import {
  ConfigParam,
  UpdateConfigBody,
} from "../../../../../../../services/fleet/aircraft_type_input.ts";
import { actorOf } from "../../../../../../actor.ts";
import { definePage, STAFF } from "../../../../../../define_page.ts";
import { zodProblems } from "../../../../_forms.ts";
import { configurationFees } from "../../../../../../../services/fleet/seat_fees.ts";
import type { SeatLayout } from "../../../../../../../domain/seat_layout.ts";

const FEE_NOTICES: Record<string, [notice?: string, error?: string]> = {
  saved: ["Seat fees saved."],
  invalid: [
    undefined,
    "Seat fees were not saved: amounts go from 0 to 10,000 in whole units, front rows 0 to 20.",
  ],
};

/**
 * `/admin/aircraft-types/:code/configurations/:config`: one configuration's seat layout in the
 * editor (its layout is frozen while a flight still to depart is sold from it) and the seat
 * fees of its rows.
 */
export const page = definePage({
  path: "/admin/aircraft-types/:code/configurations/:config",
  roles: STAFF,
  handlers: (deps) => {
    const sql = deps.db.sql;
    const fleet = { sql, store: deps.store, clock: deps.clock, log: deps.log };
    async function configOr404(code: string, config: string) {
      const parsed = ConfigParam.safeParse({ code, config });
      const all = parsed.success
        ? await configurationViews(sql, parsed.data.code, deps.clock.now())
        : [];
      const found = all.find((x) => x.code === parsed.data?.config);
      if (!found) throw notFound("Aircraft configuration");
      return found;
    }
    const base = (x: { typeCode: string; code: string; upcomingFlights: number }) => ({
      mode: "edit" as const,
      action: `/admin/aircraft-types/${x.typeCode}/configurations/${x.code}`,
      upcomingFlights: x.upcomingFlights,
      configurationOf: x.typeCode,
    });
    // The configuration's seat-fees form, with what its last post said.
    async function feesForm(
      x: { typeCode: string; code: string; layout: SeatLayout },
      said: string | undefined,
    ) {
      const [notice, error] = FEE_NOTICES[said ?? ""] ?? [];
      return {
        fees: {
          action: `/admin/aircraft-types/${x.typeCode}/configurations/${x.code}/seat-fees`,
          cabins: x.layout.cabins,
          fees: await configurationFees(sql, x),
          notice,
          error,
        },
      };
    }
    return {
      GET: async (c) => {
        const x = await configOr404(c.req.param("code"), c.req.param("config"));
        const notice = c.req.query("saved") ? "Saved." : undefined;
        const extra = await feesForm(x, c.req.query("fees"));
        return showEditor(
          c,
          { ...base(x), initial: fieldsFromConfiguration(x), notice },
          200,
          extra,
        );
      },
      POST: async (c) => {
        const x = await configOr404(c.req.param("code"), c.req.param("config"));
        const fields = { ...fieldsFromForm(await c.req.parseBody()), code: x.code };
        const form = { ...base(x), initial: fields };
        const { name, layout } = typeInput(fields);
        // An unchanged layout is left out, so a layout that flights use can still be renamed.
        const stored = layoutKey(layoutInput(fieldsFromConfiguration(x).cabins));
        const same = layoutKey(layout) === stored;
        const parsed = UpdateConfigBody.safeParse(same ? { name } : { name, layout });
        if (!parsed.success) {
          return showEditor(
            c,
            { ...form, errors: problemsByField(zodProblems(parsed.error)) },
            400,
            await feesForm(x, undefined),
          );
        }
        try {
          await editConfiguration(fleet, actorOf(c), x, parsed.data);
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 409) throw error;
          const formError = `The seat layout cannot change: ${error.detail}`;
          return showEditor(c, { ...form, formError }, 409, await feesForm(x, undefined));
        }
        return c.redirect(`${form.action}?saved=1`, 303);
      },
    };
  },
});
