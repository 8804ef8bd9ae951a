import { AirframeListPage } from "../../../../components/AirframePages.tsx";
import { airframeRows } from "../../../../services/fleet/fleet_views.ts";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";

/** `GET /admin/aircraft`: every airframe with its type, configuration and flights ahead. */
export const page = definePage({
  path: "/admin/aircraft",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const rows = await airframeRows(deps.db.sql, deps.clock.now());
      return renderPage(c, <AirframeListPage rows={rows} />);
    },
  }),
});
