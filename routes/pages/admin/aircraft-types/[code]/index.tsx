import type { Context } from "hono";
import { AppError, notFound } from "../../../../../domain/app_error.ts";
import {
  fieldsFromForm,
  fieldsFromType,
  layoutInput,
  layoutKey,
  problemsByField,
  typeInput,
} from "../../../../../domain/layout_edit.ts";
import { editAircraftType } from "../../../../../services/fleet/fleet_admin.ts";
import { aircraftTypeToEdit } from "../../../../../services/fleet/fleet_views.ts";
import type { LayoutEditorProps } from "../../../../../islands/LayoutEditor.tsx";
import { AircraftTypeEditorPage } from "../../../../../components/AircraftTypeEditorPage.tsx";
import {
  TypeCodeParam,
  UpdateTypeBody,
} from "../../../../../services/fleet/aircraft_type_input.ts";
import { actorOf } from "../../../../actor.ts";
import type { AppEnv } from "../../../../context.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderPage } from "../../../../render.tsx";
import type { SeatFees } from "../../../../../domain/seat_fees.ts";
import type { SeatLayout } from "../../../../../domain/seat_layout.ts";
import { aircraftTypeFees } from "../../../../../services/fleet/seat_fees.ts";
import { zodProblems } from "../../_forms.ts";

type Status = 200 | 400 | 409;

const FEE_NOTICES: Record<string, [notice?: string, error?: string]> = {
  saved: ["Seat fees saved."],
  invalid: [
    undefined,
    "Seat fees were not saved: amounts go from 0 to 10,000 in whole units, front rows 0 to 20.",
  ],
};

/**
 * The editor with the browser's CSRF token (it posts the form itself once hydrated), and
 * the type's seat-fees form.
 */
function show(
  c: Context<AppEnv>,
  base: Omit<LayoutEditorProps, "csrf">,
  { type, fees }: { type: { code: string; layout: SeatLayout }; fees: SeatFees },
  status: Status = 200,
) {
  const csrf = c.get("csrf");
  const [notice, error] = FEE_NOTICES[c.req.query("fees") ?? ""] ?? [];
  const form = {
    action: `/admin/aircraft-types/${type.code}/seat-fees`,
    csrf,
    cabins: type.layout.cabins,
    fees,
    notice,
    error,
  };
  return renderPage(c, <AircraftTypeEditorPage editor={{ ...base, csrf }} fees={form} />, status);
}

/**
 * `/admin/aircraft-types/:code`: one type in the layout editor. With JavaScript it saves
 * through the JSON API; without, its fields post here and the same schemas and service decide.
 */
export const page = definePage({
  path: "/admin/aircraft-types/:code",
  roles: STAFF,
  handlers: (deps) => {
    const sql = deps.db.sql;
    const fleet = { sql, store: deps.store, clock: deps.clock, log: deps.log };

    async function typeOr404(param: string) {
      const parsed = TypeCodeParam.safeParse({ code: param });
      const found = parsed.success
        ? await aircraftTypeToEdit(sql, parsed.data.code, deps.clock.now())
        : undefined;
      if (!found) throw notFound("Aircraft type");
      return { ...found, fees: await aircraftTypeFees(sql, found.type.code) };
    }

    return {
      GET: async (c) => {
        const { type, upcomingFlights, fees } = await typeOr404(c.req.param("code"));
        return show(c, {
          mode: "edit",
          action: `/admin/aircraft-types/${type.code}`,
          initial: fieldsFromType(type),
          upcomingFlights,
          notice: c.req.query("saved") ? "Saved." : undefined,
        }, { type, fees });
      },
      POST: async (c) => {
        const { type, upcomingFlights, fees } = await typeOr404(c.req.param("code"));
        const fields = { ...fieldsFromForm(await c.req.parseBody()), code: type.code };
        const base = {
          mode: "edit" as const,
          action: c.req.path,
          initial: fields,
          upcomingFlights,
        };
        const { layout, ...rest } = typeInput(fields);
        // An unchanged layout is left out, so a type that flights use can still be renamed.
        const same = layoutKey(layout) === layoutKey(layoutInput(fieldsFromType(type).cabins));
        const parsed = UpdateTypeBody.safeParse(same ? rest : { ...rest, layout });
        if (!parsed.success) {
          const errors = problemsByField(zodProblems(parsed.error));
          return show(c, { ...base, errors }, { type, fees }, 400);
        }
        try {
          await editAircraftType(fleet, actorOf(c), type.code, parsed.data);
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 409) throw error;
          return show(
            c,
            { ...base, formError: `The seat layout cannot change: ${error.detail}` },
            { type, fees },
            409,
          );
        }
        return c.redirect(`/admin/aircraft-types/${type.code}?saved=1`, 303);
      },
    };
  },
});
