import { type Context, Hono } from "hono";
import type { z } from "zod";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { Island } from "../../components/island.tsx";
import LayoutEditor, { type LayoutEditorProps } from "../../islands/LayoutEditor.tsx";
import { AppError, notFound } from "../../domain/app_error.ts";
import {
  blankCabin,
  fieldsFromForm,
  fieldsFromType,
  layoutInput,
  layoutKey,
  problemsByField,
  type TypeFields,
  typeInput,
} from "../../domain/layout_edit.ts";
import { getAircraftType, upcomingFlightsOfType } from "../../db/fleet_repo.ts";
import {
  createAircraftType,
  editAircraftType,
  type FleetAdminDeps,
} from "../../services/fleet/fleet_admin.ts";
import {
  CreateTypeBody,
  TypeCodeParam,
  UpdateTypeBody,
} from "../../services/fleet/aircraft_type_input.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";

const NEW_TYPE: TypeFields = {
  code: "",
  name: "",
  manufacturer: "",
  cruiseKmh: "",
  rangeKm: "",
  cabins: [blankCabin("Y", 1)],
};

function EditorPage({ title, props }: { title: string; props: LayoutEditorProps }) {
  return (
    <AdminLayout title={title}>
      <p>
        <a href="/admin/aircraft-types">All aircraft types</a>
      </p>
      <h1>{title}</h1>
      <Island name="LayoutEditor" component={LayoutEditor} props={props} />
    </AdminLayout>
  );
}

type Status = 200 | 400 | 409 | 422;

function issuesOf(error: z.ZodError) {
  return problemsByField(error.issues.map((i) => ({
    path: i.path.map(String).join(".") || "(root)",
    message: i.message,
  })));
}

/**
 * `/admin/aircraft-types/new` and `/admin/aircraft-types/:code`: the layout editor. With
 * JavaScript it saves through the JSON API; without, its fields post here and the same
 * schemas and service decide.
 */
export function adminAircraftEditPages(deps: AppDeps) {
  const sql = deps.db.sql;
  const fleet: FleetAdminDeps = { sql, store: deps.store, clock: deps.clock, log: deps.log };

  const show = (
    c: Context<AppEnv>,
    base: Omit<LayoutEditorProps, "csrf">,
    status: Status = 200,
  ) => {
    const title = base.mode === "create"
      ? "New aircraft type"
      : `${base.initial.code} ${base.initial.name}`;
    const props = { ...base, csrf: c.get("csrf") };
    return renderPage(c, <EditorPage title={title} props={props} />, status);
  };

  async function typeOr404(param: string) {
    const parsed = TypeCodeParam.safeParse({ code: param });
    const type = parsed.success ? await getAircraftType(sql, parsed.data.code) : undefined;
    if (!type) throw notFound("Aircraft type");
    const upcoming = await upcomingFlightsOfType(sql, type.code, deps.clock.now(), 1);
    return { type, upcomingFlights: upcoming.total };
  }

  return new Hono<AppEnv>()
    .get("/admin/aircraft-types/new", (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      return show(c, { mode: "create", action: c.req.path, initial: NEW_TYPE, upcomingFlights: 0 });
    })
    .post("/admin/aircraft-types/new", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const fields = fieldsFromForm(await c.req.parseBody());
      const base = {
        mode: "create" as const,
        action: c.req.path,
        initial: fields,
        upcomingFlights: 0,
      };
      const parsed = CreateTypeBody.safeParse({ code: fields.code, ...typeInput(fields) });
      if (!parsed.success) return show(c, { ...base, errors: issuesOf(parsed.error) }, 400);
      const { code, ...input } = parsed.data;
      try {
        await createAircraftType(fleet, actorOf(c), code, input);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 409) throw error;
        return show(c, { ...base, formError: error.detail }, 409);
      }
      return c.redirect(`/admin/aircraft-types/${code}?saved=1`, 303);
    })
    .get("/admin/aircraft-types/:code", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const { type, upcomingFlights } = await typeOr404(c.req.param("code"));
      return show(c, {
        mode: "edit",
        action: `/admin/aircraft-types/${type.code}`,
        initial: fieldsFromType(type),
        upcomingFlights,
        notice: c.req.query("saved") ? "Saved." : undefined,
      });
    })
    .post("/admin/aircraft-types/:code", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const { type, upcomingFlights } = await typeOr404(c.req.param("code"));
      const fields = { ...fieldsFromForm(await c.req.parseBody()), code: type.code };
      const base = { mode: "edit" as const, action: c.req.path, initial: fields, upcomingFlights };
      const { layout, ...rest } = typeInput(fields);
      // An unchanged layout is left out, so a type that flights use can still be renamed.
      const same = layoutKey(layout) === layoutKey(layoutInput(fieldsFromType(type).cabins));
      const parsed = UpdateTypeBody.safeParse(same ? rest : { ...rest, layout });
      if (!parsed.success) return show(c, { ...base, errors: issuesOf(parsed.error) }, 400);
      try {
        await editAircraftType(fleet, actorOf(c), type.code, parsed.data);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 409) throw error;
        return show(
          c,
          { ...base, formError: `The seat layout cannot change: ${error.detail}` },
          409,
        );
      }
      return c.redirect(`/admin/aircraft-types/${type.code}?saved=1`, 303);
    });
}
