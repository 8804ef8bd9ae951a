import { notFound } from "../../../../../domain/app_error.ts";
import { importReport } from "../../../../../services/schedule/import_jobs.ts";
import { AdminLayout } from "../../../../../components/AdminLayout.tsx";
import { ImportActions, type UndoOutcome } from "../../../../../components/ImportActions.tsx";
import JobProgress, { type JobProgressProps } from "../../../../../islands/JobProgress.tsx";
import type { AppDeps, AppEnv } from "../../../../context.ts";
import type { Context } from "hono";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderPage } from "../../../../render.tsx";
import { pageParam } from "../../_forms.ts";

const REJECTIONS_PER_PAGE = 100;

function JobPage(
  { props, reasons, undo }: {
    props: JobProgressProps;
    reasons: { reason: string; count: number }[];
    undo?: UndoOutcome;
  },
) {
  const title = `${props.job.dryRun ? "Validation" : "Import"} of ${
    props.job.filename ?? "an upload"
  }`;
  return (
    <AdminLayout title={title}>
      <p>
        <a href="/admin/flights/upload">← Upload another file</a>
      </p>
      <h1>{title}</h1>
      <JobProgress {...props} />
      <ImportActions job={props.job} reasons={reasons} undo={undo} />
    </AdminLayout>
  );
}

/** Renders the job page, with what an undo just did when there is one; 404 for no such job. */
export async function renderJobPage(
  c: Context<AppEnv>,
  deps: AppDeps,
  id: string,
  opts: { page?: number; undo?: UndoOutcome; status?: 200 | 409 } = {},
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
    <JobPage props={props} reasons={reasons} undo={opts.undo} />,
    opts.status,
  );
}

/** `GET /admin/jobs/:id`: a CSV import's live progress, its rejected rows, and what to do next. */
export const page = definePage({
  path: "/admin/jobs/:id",
  roles: STAFF,
  handlers: (deps) => ({
    GET: (c) => renderJobPage(c, deps, c.req.param("id"), { page: pageParam(c.req.query("page")) }),
  }),
});
