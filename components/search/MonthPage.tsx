import { Layout } from "../Layout.tsx";
import { ErrorSummary } from "./ResultParts.tsx";
import { monthWeeks } from "../../domain/calendar_month.ts";
import { formatDay, formatPrice } from "../../domain/text_format.ts";
import type { DayFare } from "../../services/search/flight_search.ts";
import { CABIN_NAMES } from "./format.ts";

/** What the month view shows. */
export interface MonthData {
  /** The month shown ("YYYY-MM"); absent when the query was refused. */
  month?: string;
  /** "London (LHR)" and "New York (JFK)". */
  places: { from: string; to: string };
  cabin: string;
  passengers: number;
  currency: string;
  days: DayFare[];
  /** The first date that can still be searched; earlier days are not linked. */
  minDate: string;
  /** The search of one day. */
  dayHref: (date: string) => string;
  /** The months before and after, when there is one to go to. */
  prevHref?: string;
  nextHref?: string;
  errors: Record<string, string>;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function monthName(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

function DayCell({ date, fare, data }: { date: string; fare?: DayFare; data: MonthData }) {
  const inner = (
    <>
      <span class="month-day">{Number(date.slice(8))}</span>
      <span class="month-price">{fare ? formatPrice(fare.price, data.currency) : "—"}</span>
      {fare && <span class="month-stops">{fare.stops ? "1 stop" : "direct"}</span>}
      <span class="visually-hidden">{`, ${formatDay(date)}${fare ? "" : ", no journey"}`}</span>
    </>
  );
  return (
    <td data-date={date}>
      {fare && date >= data.minDate
        ? <a href={data.dayHref(date)}>{inner}</a>
        : <span class="month-none">{inner}</span>}
    </td>
  );
}

/** The cheapest journey of each day of a month, each day linked to its search. */
export function MonthPage({ data }: { data: MonthData }) {
  const title = `${data.places.from} to ${data.places.to}`;
  const byDate = new Map(data.days.map((d) => [d.date, d]));
  const party = data.passengers === 1 ? "1 passenger" : `${data.passengers} passengers`;
  return (
    <Layout title={`Month view ${title}`} styles={["passenger.css"]}>
      <h1>Cheapest journeys from {title}</h1>
      {Object.keys(data.errors).length > 0 && <ErrorSummary errors={data.errors} />}
      {data.month && (
        <section aria-labelledby="month-title" class="month-view">
          <h2 id="month-title">{monthName(data.month)}</h2>
          <p class="lead">
            {CABIN_NAMES[data.cabin]},{" "}
            {party}: the cheapest fare per person each day, direct or with one stop. Choose a day to
            see its flights.
          </p>
          <nav class="pager" aria-label="Months">
            {data.prevHref && <a href={data.prevHref} rel="prev">Previous month</a>}
            {data.nextHref && <a href={data.nextHref} rel="next">Next month</a>}
          </nav>
          <table class="month-grid">
            <thead>
              <tr>{WEEKDAYS.map((d) => <th scope="col" key={d}>{d}</th>)}</tr>
            </thead>
            <tbody>
              {monthWeeks(data.month).map((week, i) => (
                <tr key={i}>
                  {week.map((date, j) =>
                    date
                      ? <DayCell key={date} date={date} fare={byDate.get(date)} data={data} />
                      : <td key={`x${j}`} />
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {data.days.length === 0 && <p class="empty">No journeys with seats this month.</p>}
        </section>
      )}
    </Layout>
  );
}
