import type { Context } from "hono";
import { AppError, notFound } from "../../../../../../domain/app_error.ts";
import {
  fieldsFromConfiguration,
  fieldsFromForm,
  problemsByField,
  typeInput,
} from "../../../../../../domain/layout_edit.ts";
import { createConfiguration } from "../../../../../../services/fleet/configuration_admin.ts";
import { aircraftTypeToEdit } from "../../../../../../services/fleet/fleet_views.ts";
import type { LayoutEditorProps } from "../../../../../../islands/LayoutEditor.tsx";
import { AircraftTypeEditorPage } from "../../../../../../components/AircraftTypeEditorPage.tsx";
import {
  CreateConfigBody,
  TypeCodeParam,
} from "../../../../../../services/fleet/aircraft_type_input.ts";
import { actorOf } from "../../../../../actor.ts";
import type { AppEnv } from "../../../../../context.ts";
import { definePage, STAFF } from "../../../../../define_page.ts";
import { renderPage } from "../../../../../render.tsx";
import { zodProblems } from "../../../_forms.ts";

/** The editor with the browser's CSRF token (it posts the form itself once hydrated). */
function show(c: Context<AppEnv>, base: Omit<LayoutEditorProps, "csrf">, status = 200) {
  const editor = { ...base, csrf: c.get("csrf") };
  return renderPage(c, <AircraftTypeEditorPage editor={editor} />, status as 200);
}

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
    async function typeOr404(param: string) {
      const parsed = TypeCodeParam.safeParse({ code: param });
      const found = parsed.success
        ? await aircraftTypeToEdit(sql, parsed.data.code, deps.clock.now())
        : undefined;
      if (!found) throw notFound("Aircraft type");
      return found.type;
    }
    const base = (type: string) => ({
      mode: "create" as const,
      action: `/admin/aircraft-types/${type}/configurations/new`,
      upcomingFlights: 0,
      configurationOf: type,
    });
    return {
      GET: async (c) => {
        const type = await typeOr404(c.req.param("code"));
        const initial = { ...fieldsFromConfiguration(type), code: "", name: "" };
        return show(c, { ...base(type.code), initial });
      },
      POST: async (c) => {
        const type = await typeOr404(c.req.param("code"));
        const fields = fieldsFromForm(await c.req.parseBody());
        const { name, layout } = typeInput(fields);
        const form = { ...base(type.code), initial: fields };
        const parsed = CreateConfigBody.safeParse({ code: fields.code, name, layout });
        if (!parsed.success) {
          return show(c, { ...form, errors: problemsByField(zodProblems(parsed.error)) }, 400);
        }
        try {
          await createConfiguration(fleet, actorOf(c), type.code, parsed.data);
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 409) throw error;
          return show(c, { ...form, formError: error.detail }, 409);
        }
        const to = `/admin/aircraft-types/${type.code}/configurations/${parsed.data.code}`;
        return c.redirect(`${to}?saved=1`, 303);
      },
    };
  },
});
