import { defineIsland } from "./island.ts";
import { useRef, useState } from "preact/hooks";
import { type Problem, readCookie } from "./client/api.ts";
import { FormProblem } from "./parts/AdminForm.tsx";

/** Props of CsvUpload. */
export interface CsvUploadProps {
  csrf: string;
  /** A problem the server found with the last upload (no-JavaScript path). */
  problem?: { detail: string; errors: string[] };
}

/** Bytes sent of the whole request body so far. */
export interface UploadProgress {
  sent: number;
  total: number;
}

/**
 * Sends the file with XMLHttpRequest rather than fetch: only XHR reports upload progress
 * (`upload.onprogress`), and a 30 MB file takes long enough that "Uploading…" alone looks hung.
 */
function send(
  file: File,
  dryRun: boolean,
  onProgress: (p: UploadProgress) => void,
): Promise<{ id: string } | Problem> {
  const form = new FormData();
  form.append("file", file);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/admin/flights/bulk${dryRun ? "?dryRun=true" : ""}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-CSRF-Token", readCookie("ct_csrf") ?? "");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ sent: e.loaded, total: e.total });
    };
    xhr.onload = () => {
      let json = {};
      try {
        json = JSON.parse(xhr.responseText);
      } catch { /* a body that is not JSON: the status says enough */ }
      const ok = xhr.status >= 200 && xhr.status < 300;
      resolve(ok ? json as { id: string } : { status: xhr.status, ...json } as Problem);
    };
    xhr.onerror = () =>
      resolve({ status: 0, code: "offline", title: "Offline", detail: "No connection." });
    xhr.send(form);
  });
}

const MB = 1024 * 1024;

/** "12.3 MB of 30.0 MB (41%)", what the status line says while the file goes up. */
export function progressText({ sent, total }: UploadProgress): string {
  const pct = total > 0 ? Math.floor((sent / total) * 100) : 0;
  return `Uploading… ${(sent / MB).toFixed(1)} MB of ${(total / MB).toFixed(1)} MB (${pct}%)`;
}

/**
 * The CSV upload form. Without JavaScript it posts to the page (the `_csrf` field comes first,
 * so the server checks it before streaming the file; "Validate only" posts with `?dryRun=true`);
 * hydrated, it sends the file to the JSON API with the CSRF header, showing the bytes sent, and
 * opens the job's page.
 */
function CsvUpload({ csrf, problem: initial }: CsvUploadProps) {
  const [problem, setProblem] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<UploadProgress>();
  const input = useRef<HTMLInputElement>(null);

  async function submit(e: SubmitEvent) {
    const file = input.current?.files?.[0];
    if (!file) return; // the browser's own "required" message explains
    e.preventDefault();
    const dryRun = (e.submitter as HTMLButtonElement | null)?.value === "validate";
    setBusy(true);
    setProblem(undefined);
    setProgress({ sent: 0, total: file.size });
    const result = await send(file, dryRun, setProgress);
    if ("id" in result) {
      location.assign(`/admin/jobs/${result.id}`);
      return;
    }
    setBusy(false);
    setProblem({
      detail: result.detail ?? result.title ?? "The upload failed.",
      errors: (result.errors ?? []).map((x) => `${x.path}: ${x.message}`),
    });
  }

  return (
    <form
      method="post"
      action="/admin/flights/upload"
      enctype="multipart/form-data"
      class="card upload-form"
      onSubmit={submit}
    >
      <input type="hidden" name="_csrf" value={csrf} />
      {problem && (
        <FormProblem>
          {problem.detail}
          {problem.errors.length > 0 && <ul>{problem.errors.map((x) => <li key={x}>{x}</li>)}</ul>}
        </FormProblem>
      )}
      <div class="form-field">
        <label for="csv-file">CSV file</label>
        <input
          id="csv-file"
          ref={input}
          type="file"
          name="file"
          accept=".csv,text/csv"
          required
          aria-describedby="csv-file-hint"
        />
        <p class="form-field-hint" id="csv-file-hint">
          UTF-8, one flight per row, header row first; up to 64 MiB.
        </p>
      </div>
      {busy && progress && (
        <progress
          class="upload-progress"
          max={progress.total}
          value={progress.sent}
          aria-label="Upload progress"
        />
      )}
      <p role="status" class="upload-status">{busy && progress ? progressText(progress) : ""}</p>
      <button type="submit" value="import" disabled={busy}>Upload and import</button>{" "}
      <button
        type="submit"
        value="validate"
        formAction="/admin/flights/upload?dryRun=true"
        disabled={busy}
      >
        Validate only
      </button>
    </form>
  );
}

/** The CsvUpload island, as pages embed it. */
export default defineIsland("CsvUpload", CsvUpload);
