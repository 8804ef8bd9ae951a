import { AppError } from "../../../../domain/app_error.ts";
import { IMPORT_UNDO_JOB, type JobSummary } from "../../../../domain/views/job.ts";
import { recentImports } from "../../../../services/schedule/import_jobs.ts";
import { AdminLayout } from "../../../../components/AdminLayout.tsx";
import CsvUpload, { type CsvUploadProps } from "../../../../islands/CsvUpload.tsx";
import { acceptFlightUpload } from "../../../../services/schedule/flight_jobs.ts";
import { actorOf } from "../../../actor.ts";
import { streamedUpload, uploadDeps } from "../../../deps.ts";
import type { AppDeps } from "../../../context.ts";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";

const HEADER = "flight_number,origin,destination,departure_local,arrival_local,aircraft_type," +
  "aircraft_registration,configuration,fare_F,fare_J,fare_W,fare_Y,carrier,currency";

function UploadPage({ upload, jobs }: { upload: CsvUploadProps; jobs: JobSummary[] }) {
  return (
    <AdminLayout title="Upload flights">
      <p>
        <a href="/admin/flights">← All flights</a>
      </p>
      <h1>Upload flights (CSV)</h1>
      <p>
        One flight per row in local times at each airport; fares in minor units (cents). Columns in
        any order: <code class="csv-header">{HEADER}</code>. <code>configuration</code>{" "}
        is optional: a cabin configuration of the row's type (without it, the airframe's, else the
        type's default). The file is stored whole first, then imported in the background; rows that
        break a rule are listed with their line.
      </p>
      <CsvUpload {...upload} />
      <h2>Recent imports</h2>
      {jobs.length === 0 ? <p>No file was uploaded yet.</p> : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Uploaded (UTC)</th>
              <th scope="col">Status</th>
              <th scope="col">Rows</th>
              <th scope="col">Accepted (undo: deleted)</th>
              <th scope="col">Rejected (undo: kept)</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id}>
                <th scope="row">
                  <a href={`/admin/jobs/${j.id}`}>
                    {j.kind === IMPORT_UNDO_JOB && "Undo of "}
                    {j.filename ?? "upload"}
                  </a>
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

/** The latest imports, listed under the form. */
const recent = (deps: AppDeps) => recentImports(deps.db.sql);

/**
 * `/admin/flights/upload`, then on to `/admin/jobs/:id`: the CSV upload (streamed into the same
 * staging as the API when posted without JavaScript) and the import's live progress.
 */
export const page = definePage({
  path: "/admin/flights/upload",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const upload = { csrf: c.get("csrf") };
      return renderPage(c, <UploadPage upload={upload} jobs={await recent(deps)} />);
    },
    POST: async (c) => {
      try {
        const staged = await acceptFlightUpload(uploadDeps(deps, c), actorOf(c), streamedUpload(c));
        return c.redirect(`/admin/jobs/${staged.jobId}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        const problem = {
          detail: err.detail ?? err.title,
          errors: (err.errors ?? []).map((x) => `${x.path}: ${x.message}`),
        };
        const upload = { csrf: c.get("csrf"), problem };
        const status = ([409, 422] as const).find((s) => s === err.status) ?? 400;
        return renderPage(c, <UploadPage upload={upload} jobs={await recent(deps)} />, status);
      }
    },
  }),
});
