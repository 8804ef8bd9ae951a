/** What the aircraft type and configuration pages share: the editor page and the type look-up. */
import type { Context } from "hono";
import { notFound } from "../../../../domain/app_error.ts";
import type { Clock } from "../../../../domain/clock.ts";
import type { LayoutEditorProps } from "../../../../islands/LayoutEditor.tsx";
import {
  AircraftTypeEditorPage,
  type ConfigurationRow,
} from "../../../../components/AircraftTypeEditorPage.tsx";
import type { SeatFeesFormProps } from "../../../../components/SeatFeesForm.tsx";
import { TypeCodeParam } from "../../../../services/fleet/aircraft_type_input.ts";
import { aircraftTypeToEdit } from "../../../../services/fleet/fleet_views.ts";
import type { AppEnv } from "../../../context.ts";
import { renderPage } from "../../../render.tsx";

/** The answers an editor page gives: the page, a refused form, a layout in use. */
export type EditorStatus = 200 | 400 | 409;

/** The editor with the browser's CSRF token (it posts the form itself once hydrated). */
export function showEditor(
  c: Context<AppEnv>,
  base: Omit<LayoutEditorProps, "csrf">,
  status: EditorStatus = 200,
  extra: { configurations?: ConfigurationRow[]; fees?: Omit<SeatFeesFormProps, "csrf"> } = {},
) {
  const csrf = c.get("csrf");
  const fees = extra.fees && { ...extra.fees, csrf };
  return renderPage(
    c,
    <AircraftTypeEditorPage
      editor={{ ...base, csrf }}
      configurations={extra.configurations}
      fees={fees}
    />,
    status,
  );
}

/** The type a `:code` names, with its configurations, to edit; 404 for none. */
export async function typeToEdit(
  deps: { sql: Parameters<typeof aircraftTypeToEdit>[0]; clock: Clock },
  param: string,
) {
  const parsed = TypeCodeParam.safeParse({ code: param });
  const found = parsed.success
    ? await aircraftTypeToEdit(deps.sql, parsed.data.code, deps.clock.now())
    : undefined;
  if (!found) throw notFound("Aircraft type");
  return found;
}
