/** Under an import's progress: its rejection reasons counted, the rejected rows, and undo. */
import type { JobSummary, ReasonCount } from "../domain/views/job.ts";
import { FormProblem, Notice } from "../islands/parts/AdminForm.tsx";
import { CsrfField } from "./Layout.tsx";

/** Props of ImportActions. */
export interface ImportActionsProps {
  job: JobSummary;
  reasons: ReasonCount[];
  /** Why an undo just asked for was refused. */
  undoProblem?: string;
}

/** The reasons table, the rejected-rows download, and the undo form (real imports only). */
export function ImportActions({ job, reasons, undoProblem }: ImportActionsProps) {
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
      {!job.dryRun && <UndoSection job={job} problem={undoProblem} />}
    </>
  );
}

function UndoSection({ job, problem }: { job: JobSummary; problem?: string }) {
  return (
    <section aria-labelledby="undo-heading">
      <h2 id="undo-heading">Undo this import</h2>
      {problem && <FormProblem>{problem}</FormProblem>}
      {job.undoneBy
        ? (
          <Notice>
            An undo was asked for: <a href={`/admin/jobs/${job.undoneBy}`}>follow its progress</a>.
          </Notice>
        )
        : (
          <form method="post" action={`/admin/jobs/${job.id}/undo`}>
            <CsrfField />
            <p>
              Deletes, in the background, the flights this import created that nobody has held,
              bought or paid for; the others stay (cancel them instead) and are listed.
            </p>
            <button type="submit" class="danger">Undo the import</button>
          </form>
        )}
    </section>
  );
}
