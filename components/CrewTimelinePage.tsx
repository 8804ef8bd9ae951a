/** A crew member's duty timeline: days × duties, the rest between them and where they are. */
import type { crewTimeline } from "../services/crew/crew_roster.ts";
import { AdminLayout } from "./AdminLayout.tsx";
import { flightName, roleLabel } from "./CrewViews.tsx";

/** What the timeline page shows. */
export type TimelineData = Awaited<ReturnType<typeof crewTimeline>> & {
  prev: string;
  next: string;
};

const hm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

function rest(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min rest`;
}

/** The page: one row per day, one list item per duty. */
export function CrewTimelinePage({ data }: { data: TimelineData }) {
  const { member } = data;
  return (
    <AdminLayout title={`Duties of ${member.name}`}>
      <p>
        <a href="/admin/crew/members">Crew members</a>
      </p>
      <h1>Duties of {member.name}</h1>
      <p>
        {roleLabel(member.role)}, based at {member.homeBase}, rated on{" "}
        {member.typeRatings.join(", ") || "no type"}. Times are UTC.
      </p>
      <nav aria-label="Weeks">
        <a href={`?from=${data.prev}`}>Previous week</a> ·{" "}
        <a href={`?from=${data.next}`}>Next week</a>
      </nav>
      <table class="data timeline">
        <caption class="visually-hidden">Duties per day from {data.from}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Duties</th>
            <th scope="col">At the end of the day</th>
          </tr>
        </thead>
        <tbody>
          {data.days.map((day) => (
            <tr key={day.date}>
              <th scope="row">{day.date}</th>
              <td>
                {day.duties.length === 0 ? "No duty" : (
                  <ul>
                    {day.duties.map((d) => (
                      <li key={d.reportAt}>
                        Duty {hm(d.reportAt)}–{hm(d.releaseAt)}:{" "}
                        {d.flights.map((f, i) => (
                          <span key={f.id}>
                            {i > 0 && ", "}
                            <a href={`/admin/crew/flights/${f.id}`}>{flightName(f)}</a>{" "}
                            {hm(f.departureAt)}–{hm(f.arrivalAt)}{" "}
                            ({f.positioning ? "positioning" : roleLabel(f.position ?? "crew")})
                          </span>
                        ))}
                        {d.restAfterMs !== undefined && <>; then {rest(d.restAfterMs)}</>}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>{day.endsAt}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
