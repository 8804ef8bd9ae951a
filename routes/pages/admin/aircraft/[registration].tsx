import type { Context } from "hono";
import { AppError, notFound } from "../../../../domain/app_error.ts";
import type { RefitResult } from "../../../../domain/views/fleet.ts";
import { AirframePage } from "../../../../components/AirframePages.tsx";
import { airframe } from "../../../../services/fleet/fleet_views.ts";
import { refitAircraft } from "../../../../services/fleet/aircraft_refit.ts";
import { RefitBody, RegistrationParam } from "../../../api/admin_aircraft.ts";
import { actorOf } from "../../../actor.ts";
import type { AppDeps, AppEnv } from "../../../context.ts";
import { adminDeps } from "../../../deps.ts";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { formFields, zodProblems } from "../_forms.ts";

/** The airframe page as it is now, with a refit's outcome or why it was refused. */
async function show(
  c: Context<AppEnv>,
  deps: AppDeps,
  extra: { outcome?: RefitResult; error?: string } = {},
  status: 200 | 400 | 409 | 422 = 200,
) {
  const parsed = RegistrationParam.safeParse({ registration: c.req.param("registration") });
  const view = parsed.success
    ? await airframe(deps.db.sql, parsed.data.registration, deps.clock.now())
    : undefined;
  if (!view) throw notFound("Aircraft");
  return renderPage(c, <AirframePage {...view} {...extra} csrf={c.get("csrf")} />, status);
}

/**
 * `/admin/aircraft/:registration`: one airframe and its configuration. The form refits it
 * with another configuration of its type; its flights still to depart move with it.
 */
export const page = definePage({
  path: "/admin/aircraft/:registration",
  roles: STAFF,
  handlers: (deps) => ({
    GET: (c) => show(c, deps),
    POST: async (c) => {
      const registration = c.req.param("registration").toUpperCase();
      const body = RefitBody.safeParse({ configCode: (await formFields(c)).configCode });
      if (!body.success) {
        const error = zodProblems(body.error).map((p) => p.message).join("; ");
        return await show(c, deps, { error: `Pick a configuration: ${error}` }, 400);
      }
      try {
        const outcome = await refitAircraft(
          { ...adminDeps(deps), clock: deps.clock },
          actorOf(c),
          { registration, configCode: body.data.configCode },
        );
        return await show(c, deps, { outcome });
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404 || err.status >= 500) throw err;
        const status = err.status === 409 ? 409 : 422;
        return await show(c, deps, { error: err.detail ?? err.title }, status);
      }
    },
  }),
});
