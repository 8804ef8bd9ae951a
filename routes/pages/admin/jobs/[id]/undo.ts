import { AppError } from "../../../../../domain/app_error.ts";
import { undoImport } from "../../../../../services/schedule/import_actions.ts";
import { actorOf } from "../../../../actor.ts";
import { adminDeps } from "../../../../deps.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderJobPage } from "./index.tsx";

/** `POST /admin/jobs/:id/undo`: undoes an import and shows what went and what stayed. */
export const page = definePage({
  path: "/admin/jobs/:id{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}/undo",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c) => {
      const id = c.req.param("id");
      try {
        const undo = await undoImport(adminDeps(deps), actorOf(c), id);
        return await renderJobPage(c, deps, id, { undo });
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        const undo = { problem: err.detail ?? err.title };
        return await renderJobPage(c, deps, id, { undo, status: 409 });
      }
    },
  }),
});
