import type { PlannedFlight } from "../../domain/views/schedule.ts";
import { formatUtc } from "../client/time_format.ts";

/** The preview of a recurring schedule as its endpoint answers it. */
export interface SeriesPreviewData {
  count: number;
  skipped: number;
  planned: PlannedFlight[];
}

function dayName(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

const utc = (iso?: string) => (iso ? formatUtc(iso) : "—");

/**
 * Every dated flight a schedule would make: local and UTC departure (they differ by an hour
 * across a clock change) and why a date would be skipped. The summary is a live region.
 */
export function SeriesPreviewTable(
  { preview, waiting }: { preview?: SeriesPreviewData; waiting?: boolean },
) {
  const summary = !preview
    ? "Fill in the flight, times, season and weekdays to see the flights it makes."
    : `${preview.count} flights would be created` +
      (preview.skipped ? `; ${preview.skipped} dates skipped.` : ".");
  return (
    <section class="series-preview" aria-labelledby="preview-heading" aria-busy={waiting}>
      <h2 id="preview-heading">Preview</h2>
      <p role="status">{summary}</p>
      {preview && preview.planned.length > 0 && (
        <table class="data">
          <caption class="visually-hidden">The dated flights of the schedule</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Departs (local)</th>
              <th scope="col">Arrives (local)</th>
              <th scope="col">Departs (UTC)</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {preview.planned.map((f) => (
              <tr key={f.date} class={f.problem ? "skipped" : undefined}>
                <th scope="row">{dayName(f.date)}</th>
                <td>{f.departureLocal.slice(11, 16)}</td>
                <td>{f.arrivalLocal.slice(0, 16).replace("T", " ")}</td>
                <td>{utc(f.departureAt)}</td>
                <td>{f.problem ? `skipped: ${f.problem}` : "created"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
