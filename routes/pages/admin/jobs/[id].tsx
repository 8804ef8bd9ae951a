import { notFound } from "../../../../domain/app_error.ts";
import { importReport } from "../../../../services/schedule/import_jobs.ts";
import { AdminLayout } from "../../../../components/AdminLayout.tsx";
import JobProgress, { type JobProgressProps } from "../../../../islands/JobProgress.tsx";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { pageParam } from "../_forms.ts";

const REJECTIONS_PER_PAGE = 100;

function JobPage({ props }: { props: JobProgressProps }) {
  const title = `Import of ${props.job.filename ?? "an upload"}`;
  return (
    <AdminLayout title={title}>
      <p>
        <a href="/admin/flights/upload">← Upload another file</a>
      </p>
      <h1>{title}</h1>
      <JobProgress {...props} />
    </AdminLayout>
  );
}

/** `GET /admin/jobs/:id`: a CSV import's live progress and its rejected rows, paged. */
export const page = definePage({
  path: "/admin/jobs/:id",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const page = pageParam(c.req.query("page"));
      const report = await importReport(deps.db.sql, c.req.param("id"), {
        limit: REJECTIONS_PER_PAGE,
        offset: (page - 1) * REJECTIONS_PER_PAGE,
      });
      if (!report) throw notFound("Job");
      const props = { ...report, page, pageSize: REJECTIONS_PER_PAGE };
      return renderPage(c, <JobPage props={props} />);
    },
  }),
});
