/** Under an import's progress: its rejection reasons counted, the rejected rows, and undo. */
import type { JobSummary, ReasonCount } from "../domain/views/job.ts";
import { FormProblem, Notice } from "../islands/parts/AdminForm.tsx";
import { CsrfField } from "./Layout.tsx";

/** What an undo did, or why it was refused. */
export type UndoOutcome =
  | { removed: number; kept: number; keptFlights: { id: string; flight: string; reason: string }[] }
  | { problem: string };

/** Props of ImportActions. */
export interface ImportActionsProps {
  job: JobSummary;
  reasons: ReasonCount[];
  undo?: UndoOutcome;
}

/** The reasons table, the rejected-rows download, and the undo form (real imports only). */
export function ImportActions({ job, reasons, undo }: ImportActionsProps) {
  return (
    <>
      {reasons.length > 0 && (
        <section aria-labelledby="reasons-heading">
          <h2 id="reasons-heading">Why rows were rejected</h2>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Rows</th>
              </tr>
            </thead>
            <tbody>
              {reasons.map((r) => (
                <tr key={r.reason}>
                  <td>{r.reason}</td>
                  <td class="num">{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <a href={`/api/admin/jobs/${job.id}/rejected-rows.csv`} download>
              Download the rejected rows (CSV)
            </a>{" "}
            – each row as sent, with its reason, grouped by reason: fix them and upload that file.
          </p>
        </section>
      )}
      {!job.dryRun && <UndoSection job={job} undo={undo} />}
    </>
  );
}

function UndoSection({ job, undo }: { job: JobSummary; undo?: UndoOutcome }) {
  return (
    <section aria-labelledby="undo-heading">
      <h2 id="undo-heading">Undo this import</h2>
      {undo && "problem" in undo && <FormProblem>{undo.problem}</FormProblem>}
      {undo && "removed" in undo && (
        <Notice>
          {undo.removed} flight{undo.removed === 1 ? "" : "s"} deleted; {undo.kept} kept.
        </Notice>
      )}
      {undo && "removed" in undo && undo.keptFlights.length > 0 && (
        <ul>
          {undo.keptFlights.map((f) => (
            <li key={f.id}>
              <a href={`/admin/flights/${f.id}`}>{f.flight}</a>: {f.reason}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/admin/jobs/${job.id}/undo`}>
        <CsrfField />
        <p>
          Deletes the flights this import created that nobody has held, bought or paid for; the
          others stay (cancel them instead).
        </p>
        <button type="submit" class="danger">Undo the import</button>
      </form>
    </section>
  );
}
