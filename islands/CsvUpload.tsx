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

async function send(file: File): Promise<{ id: string } | Problem> {
  const form = new FormData();
  form.append("file", file);
  try {
    const res = await fetch("/api/admin/flights/bulk", {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRF-Token": readCookie("ct_csrf") ?? "" },
    });
    const json = await res.json().catch(() => ({}));
    return res.ok ? json as { id: string } : { status: res.status, ...json } as Problem;
  } catch {
    return { status: 0, code: "offline", title: "Offline", detail: "No connection." };
  }
}

/**
 * The CSV upload form. Without JavaScript it posts to the page (the `_csrf` field comes first,
 * so the server checks it before streaming the file); hydrated, it sends the file to the JSON
 * API with the CSRF header and opens the job's page.
 */
function CsvUpload({ csrf, problem: initial }: CsvUploadProps) {
  const [problem, setProblem] = useState(initial);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function submit(e: Event) {
    const file = input.current?.files?.[0];
    if (!file) return; // the browser's own "required" message explains
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const result = await send(file);
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
      <p role="status" class="upload-status">{busy ? "Uploading…" : ""}</p>
      <button type="submit" disabled={busy}>Upload and import</button>
    </form>
  );
}

/** The CsvUpload island, as pages embed it. */
export default defineIsland("CsvUpload", CsvUpload);
