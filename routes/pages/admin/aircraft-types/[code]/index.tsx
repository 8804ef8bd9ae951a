import { showEditor, typeToEdit } from "../_editor.tsx";
import { AppError } from "../../../../../domain/app_error.ts";
import {
  fieldsFromForm,
  fieldsFromType,
  layoutInput,
  layoutKey,
  problemsByField,
  typeInput,
} from "../../../../../domain/layout_edit.ts";
import { editAircraftType } from "../../../../../services/fleet/fleet_admin.ts";
import { UpdateTypeBody } from "../../../../../services/fleet/aircraft_type_input.ts";
import { actorOf } from "../../../../actor.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { zodProblems } from "../../_forms.ts";
import type { Context } from "hono";
import type { AppEnv } from "../../../../context.ts";

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
    const views = { sql, clock: deps.clock };
    // The type with its configurations, which the page lists (each sets its own seat fees).
    async function load(c: Context<AppEnv>) {
      const found = await typeToEdit(views, c.req.param("code") ?? "");
      return { ...found, extra: { configurations: found.configurations } };
    }

    return {
      GET: async (c) => {
        const { type, upcomingFlights, extra } = await load(c);
        return showEditor(
          c,
          {
            mode: "edit",
            action: `/admin/aircraft-types/${type.code}`,
            initial: fieldsFromType(type),
            upcomingFlights,
            notice: c.req.query("saved") ? "Saved." : undefined,
          },
          200,
          extra,
        );
      },
      POST: async (c) => {
        const { type, upcomingFlights, extra } = await load(c);
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
          return showEditor(c, { ...base, errors }, 400, extra);
        }
        try {
          await editAircraftType(fleet, actorOf(c), type.code, parsed.data);
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 409) throw error;
          return showEditor(
            c,
            { ...base, formError: `The seat layout cannot change: ${error.detail}` },
            409,
            extra,
          );
        }
        return c.redirect(`/admin/aircraft-types/${type.code}?saved=1`, 303);
      },
    };
  },
});
