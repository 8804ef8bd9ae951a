import { formatPrice } from "../../islands/parts/FlightTable.tsx";
import { formatDay } from "./format.ts";

/** Props of FareStrip. */
export interface FareStripProps {
  days: { date: string; price?: number; href?: string }[];
  selected: string;
  currency: string;
  /** The month view of the same route, cabin and party. */
  monthHref?: string;
}

/** The nearby dates with their cheapest direct fare, each a link to that day's search. */
export function FareStrip({ days, selected, currency, monthHref }: FareStripProps) {
  return (
    <nav class="fare-strip" aria-labelledby="fare-strip-title">
      <h2 id="fare-strip-title" class="visually-hidden">
        Nearby dates, cheapest fare per person (direct or one stop)
      </h2>
      <ol>
        {days.map((d) => {
          const label = (
            <>
              <span class="fare-day">{formatDay(d.date)}</span>
              <span class="fare-price">
                {d.price === undefined ? "No flights" : `from ${formatPrice(d.price, currency)}`}
              </span>
            </>
          );
          return (
            <li key={d.date}>
              {d.date === selected
                ? <a aria-current="date" href={d.href}>{label}</a>
                : d.href
                ? <a href={d.href}>{label}</a>
                : <span class="fare-past">{label}</span>}
            </li>
          );
        })}
      </ol>
      {monthHref && <a class="month-link" href={monthHref}>The whole month</a>}
    </nav>
  );
}
