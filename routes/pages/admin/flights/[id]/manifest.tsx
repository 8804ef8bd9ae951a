import { flightManifest, manifestFile } from "../../../../../services/flights/flight_manifest.ts";
import { ManifestPage } from "../../../../../components/ManifestPage.tsx";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderPage } from "../../../../render.tsx";

/** `GET /admin/flights/:id/manifest`: the passenger manifest; `?format=csv` downloads it. */
export const page = definePage({
  path: "/admin/flights/:id{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}/manifest",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const data = await flightManifest(deps.db.sql, c.req.param("id"));
      if (c.req.query("format") !== "csv") return renderPage(c, <ManifestPage data={data} />);
      const { filename, csv } = manifestFile(data);
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      });
    },
  }),
});
