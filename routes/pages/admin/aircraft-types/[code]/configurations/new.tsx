import { showEditor, typeToEdit } from "../../_editor.tsx";
import { AppError } from "../../../../../../domain/app_error.ts";
import {
  fieldsFromConfiguration,
  fieldsFromForm,
  problemsByField,
  typeInput,
} from "../../../../../../domain/layout_edit.ts";
import { createConfiguration } from "../../../../../../services/fleet/configuration_admin.ts";
import { CreateConfigBody } from "../../../../../../services/fleet/aircraft_type_input.ts";
import { actorOf } from "../../../../../actor.ts";
import { definePage, STAFF } from "../../../../../define_page.ts";
import { zodProblems } from "../../../_forms.ts";

/**
 * `/admin/aircraft-types/:code/configurations/new`: a new seat layout of a type, starting
 * from the type's default one (posted here without JS).
 */
export const page = definePage({
  path: "/admin/aircraft-types/:code/configurations/new",
  roles: STAFF,
  handlers: (deps) => {
    const sql = deps.db.sql;
    const fleet = { sql, store: deps.store, clock: deps.clock, log: deps.log };
    const base = (type: string) => ({
      mode: "create" as const,
      action: `/admin/aircraft-types/${type}/configurations/new`,
      upcomingFlights: 0,
      configurationOf: type,
    });
    return {
      GET: async (c) => {
        const { type } = await typeToEdit({ sql, clock: deps.clock }, c.req.param("code"));
        const initial = { ...fieldsFromConfiguration(type), code: "", name: "" };
        return showEditor(c, { ...base(type.code), initial });
      },
      POST: async (c) => {
        const { type } = await typeToEdit({ sql, clock: deps.clock }, c.req.param("code"));
        const fields = fieldsFromForm(await c.req.parseBody());
        const { name, layout } = typeInput(fields);
        const form = { ...base(type.code), initial: fields };
        const parsed = CreateConfigBody.safeParse({ code: fields.code, name, layout });
        if (!parsed.success) {
          return showEditor(
            c,
            { ...form, errors: problemsByField(zodProblems(parsed.error)) },
            400,
          );
        }
        try {
          await createConfiguration(fleet, actorOf(c), type.code, parsed.data);
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 409) throw error;
          return showEditor(c, { ...form, formError: error.detail }, 409);
        }
        const to = `/admin/aircraft-types/${type.code}/configurations/${parsed.data.code}`;
        return c.redirect(`${to}?saved=1`, 303);
      },
    };
  },
});
