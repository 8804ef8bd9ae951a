import { AppError } from "../../../../../domain/app_error.ts";
import { undoImport } from "../../../../../services/schedule/import_actions.ts";
import { actorOf } from "../../../../actor.ts";
import { undoDeps } from "../../../../deps.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderJobPage } from "./index.tsx";

/**
 * `POST /admin/jobs/:id/undo`: queues the import's undo and shows its progress; when it cannot
 * (still running, a validation run, already asked for) the import's page says why.
 */
export const page = definePage({
  path: "/admin/jobs/:id{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}/undo",
  roles: STAFF,
  handlers: (deps) => ({
    POST: async (c) => {
      const id = c.req.param("id");
      try {
        const undo = await undoImport(undoDeps(deps), actorOf(c), id);
        return c.redirect(`/admin/jobs/${undo.id}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        const problem = err.detail ?? err.title;
        return await renderJobPage(c, deps, id, { undoProblem: problem, status: 409 });
      }
    },
  }),
});
