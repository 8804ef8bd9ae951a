import { Hono } from "hono";
import { AppError, notFound } from "../../domain/app_error.ts";
import { isUuid } from "../../domain/ids.ts";
import {
  getJobReport,
  type JobSummary,
  listJobRejections,
  listJobs,
} from "../../db/job_reports_repo.ts";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { Island } from "../../components/island.tsx";
import CsvUpload, { type CsvUploadProps } from "../../islands/CsvUpload.tsx";
import JobProgress, { type JobProgressProps } from "../../islands/JobProgress.tsx";
import { acceptFlightUpload } from "../page_actions.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";
import { pageParam } from "./admin_page_support.ts";

const REJECTIONS_PER_PAGE = 100;
const HEADER = "flight_number,origin,destination,departure_local,arrival_local,aircraft_type," +
  "aircraft_registration,fare_F,fare_J,fare_W,fare_Y,carrier,currency";

function UploadPage({ upload, jobs }: { upload: CsvUploadProps; jobs: JobSummary[] }) {
  return (
    <AdminLayout title="Upload flights">
      <p>
        <a href="/admin/flights">← All flights</a>
      </p>
      <h1>Upload flights (CSV)</h1>
      <p>
        One flight per row in local times at each airport; fares in minor units (cents). Columns in
        any order:{" "}
        <code class="csv-header">{HEADER}</code>. The file is stored whole first, then imported in
        the background; rows that break a rule are listed with their line.
      </p>
      <Island name="CsvUpload" component={CsvUpload} props={upload} />
      <h2>Recent imports</h2>
      {jobs.length === 0 ? <p>No file was uploaded yet.</p> : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Uploaded (UTC)</th>
              <th scope="col">Status</th>
              <th scope="col">Rows</th>
              <th scope="col">Accepted</th>
              <th scope="col">Rejected</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id}>
                <th scope="row">
                  <a href={`/admin/jobs/${j.id}`}>{j.filename ?? "upload"}</a>
                </th>
                <td>{j.createdAt.slice(0, 16).replace("T", " ")}</td>
                <td>{j.status}</td>
                <td class="num">{j.total ?? "—"}</td>
                <td class="num">{j.accepted}</td>
                <td class="num">{j.rejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

function JobPage({ props }: { props: JobProgressProps }) {
  const title = `Import of ${props.job.filename ?? "an upload"}`;
  return (
    <AdminLayout title={title}>
      <p>
        <a href="/admin/flights/upload">← Upload another file</a>
      </p>
      <h1>{title}</h1>
      <Island name="JobProgress" component={JobProgress} props={props} />
    </AdminLayout>
  );
}

/**
 * `/admin/flights/upload` and `/admin/jobs/:id`: the CSV upload (streamed into the same
 * staging as the API when posted without JavaScript) and the import's live progress.
 */
export function adminUploadPages(deps: AppDeps) {
  const recent = async () => (await listJobs(deps.db.sql, { limit: 10, offset: 0 })).data;
  return new Hono<AppEnv>()
    .get("/admin/flights/upload", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const upload = { csrf: c.get("csrf") };
      return renderPage(c, <UploadPage upload={upload} jobs={await recent()} />);
    })
    .post("/admin/flights/upload", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      try {
        const staged = await acceptFlightUpload(deps, c);
        return c.redirect(`/admin/jobs/${staged.jobId}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const problem = {
          detail: err.detail ?? err.title,
          errors: (err.errors ?? []).map((x) => `${x.path}: ${x.message}`),
        };
        const upload = { csrf: c.get("csrf"), problem };
        const status = ([409, 422] as const).find((s) => s === err.status) ?? 400;
        return renderPage(c, <UploadPage upload={upload} jobs={await recent()} />, status);
      }
    })
    .get("/admin/jobs/:id", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const id = c.req.param("id");
      const job = isUuid(id) ? await getJobReport(deps.db.sql, id) : undefined;
      if (!job) throw notFound("Job");
      const page = pageParam(c.req.query("page"));
      const { rejections: _first, ...summary } = job;
      const { data } = await listJobRejections(deps.db.sql, id, {
        limit: REJECTIONS_PER_PAGE,
        offset: (page - 1) * REJECTIONS_PER_PAGE,
      });
      const props = { job: summary, rejections: data, page, pageSize: REJECTIONS_PER_PAGE };
      return renderPage(c, <JobPage props={props} />);
    });
}
