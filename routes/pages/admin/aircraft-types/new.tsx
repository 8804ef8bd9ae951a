import { showEditor } from "./_editor.tsx";
import { AppError } from "../../../../domain/app_error.ts";
import {
  blankCabin,
  fieldsFromForm,
  problemsByField,
  type TypeFields,
  typeInput,
} from "../../../../domain/layout_edit.ts";
import { createAircraftType } from "../../../../services/fleet/fleet_admin.ts";
import { CreateTypeBody } from "../../../../services/fleet/aircraft_type_input.ts";
import { actorOf } from "../../../actor.ts";
import { definePage, STAFF } from "../../../define_page.ts";
import { zodProblems } from "../_forms.ts";

const NEW_TYPE: TypeFields = {
  code: "",
  name: "",
  manufacturer: "",
  cruiseKmh: "",
  rangeKm: "",
  cabins: [blankCabin("Y", 1)],
};

/** `/admin/aircraft-types/new`: a new type in the layout editor (posted here without JS). */
export const page = definePage({
  path: "/admin/aircraft-types/new",
  roles: STAFF,
  handlers: (deps) => {
    const fleet = { sql: deps.db.sql, store: deps.store, clock: deps.clock, log: deps.log };
    return {
      GET: (c) =>
        showEditor(c, {
          mode: "create",
          action: c.req.path,
          initial: NEW_TYPE,
          upcomingFlights: 0,
        }),
      POST: async (c) => {
        const fields = fieldsFromForm(await c.req.parseBody());
        const base = {
          mode: "create" as const,
          action: c.req.path,
          initial: fields,
          upcomingFlights: 0,
        };
        const parsed = CreateTypeBody.safeParse({ code: fields.code, ...typeInput(fields) });
        if (!parsed.success) {
          return showEditor(
            c,
            { ...base, errors: problemsByField(zodProblems(parsed.error)) },
            400,
          );
        }
        const { code, ...input } = parsed.data;
        try {
          await createAircraftType(fleet, actorOf(c), code, input);
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 409) throw error;
          return showEditor(c, { ...base, formError: error.detail }, 409);
        }
        return c.redirect(`/admin/aircraft-types/${code}?saved=1`, 303);
      },
    };
  },
});
