import { notFound } from "../../../../../domain/app_error.ts";
import { importReport } from "../../../../../services/schedule/import_jobs.ts";
import { AdminLayout } from "../../../../../components/AdminLayout.tsx";
import { ImportActions } from "../../../../../components/ImportActions.tsx";
import { IMPORT_UNDO_JOB } from "../../../../../domain/views/job.ts";
import JobProgress, { type JobProgressProps } from "../../../../../islands/JobProgress.tsx";
import type { AppDeps, AppEnv } from "../../../../context.ts";
import type { Context } from "hono";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderPage } from "../../../../render.tsx";
import { pageParam } from "../../_forms.ts";

const REJECTIONS_PER_PAGE = 100;

function JobPage(
  { props, reasons, undoProblem }: {
    props: JobProgressProps;
    reasons: { reason: string; count: number }[];
    undoProblem?: string;
  },
) {
  const { job } = props;
  const undo = job.kind === IMPORT_UNDO_JOB;
  const what = undo ? "Undo of the import" : job.dryRun ? "Validation" : "Import";
  const title = `${what} of ${job.filename ?? "an upload"}`;
  return (
    <AdminLayout title={title}>
      <p>
        {undo && job.undoes
          ? <a href={`/admin/jobs/${job.undoes}`}>← The import</a>
          : <a href="/admin/flights/upload">← Upload another file</a>}
      </p>
      <h1>{title}</h1>
      <JobProgress {...props} />
      {!undo && <ImportActions job={job} reasons={reasons} undoProblem={undoProblem} />}
    </AdminLayout>
  );
}

/** Renders the job page, with why an undo was refused when it was; 404 for no such job. */
export async function renderJobPage(
  c: Context<AppEnv>,
  deps: AppDeps,
  id: string,
  opts: { page?: number; undoProblem?: string; status?: 200 | 409 } = {},
) {
  const page = opts.page ?? 1;
  const report = await importReport(deps.db.sql, id, {
    limit: REJECTIONS_PER_PAGE,
    offset: (page - 1) * REJECTIONS_PER_PAGE,
  });
  if (!report) throw notFound("Job");
  const { job, reasons, rejections } = report;
  const props = { job, rejections, page, pageSize: REJECTIONS_PER_PAGE };
  return renderPage(
    c,
    <JobPage props={props} reasons={reasons} undoProblem={opts.undoProblem} />,
    opts.status,
  );
}

/**
 * `GET /admin/jobs/:id`: a CSV import's (or its undo's) live progress, its rejected rows (the
 * flights an undo kept), and what to do next.
 */
export const page = definePage({
  path: "/admin/jobs/:id",
  roles: STAFF,
  handlers: (deps) => ({
    GET: (c) => renderJobPage(c, deps, c.req.param("id"), { page: pageParam(c.req.query("page")) }),
  }),
});
