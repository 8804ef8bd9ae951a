import type { EmptySearch } from "../../services/search/empty_search.ts";
import type { EmptyReturn } from "../../services/search/empty_return.ts";
import type { DatedFare, NearbyAirport } from "../../domain/search_explanation.ts";
import type { SearchValues } from "../../domain/views/search.ts";
import { formatDay, formatPrice } from "../../domain/text_format.ts";
import { CABIN_NAMES } from "./format.ts";

/** Props of EmptyExplanation. */
export interface EmptyExplanationProps {
  /** Why a search (or a round trip's way out) found nothing, or why a way back did not. */
  empty: EmptySearch | EmptyReturn;
  /** The explanation is of a round trip's way back: its links change the return. */
  back?: boolean;
  currency: string;
  /** This search's URL changed by `change` (an empty value drops a field). */
  href: (change: SearchValues) => string;
  /** The month view of this route, cabin and party. */
  monthHref: string;
}

const dates = (days: DatedFare[], currency: string, href: EmptyExplanationProps["href"]) =>
  days.map((d) => ({
    href: href({ date: d.date, page: "" }),
    text: `${formatDay(d.date)}, from ${formatPrice(d.price, currency)}`,
  }));

const airports = (
  list: NearbyAirport[],
  field: "from" | "to",
  href: EmptyExplanationProps["href"],
) =>
  list.map((a) => ({
    href: href({ [field]: a.iata, page: "" }),
    text: `${field === "from" ? "Fly from" : "Fly to"} ${a.city} (${a.iata}), ${a.km} km away`,
  }));

type Link = { href: string; text: string };

const time = (local: string) => local.slice(11, 16);

/** What to try instead of a missing way back: other return dates, airports or a way out. */
function returnAlternatives(p: EmptyExplanationProps): Link[] {
  const { empty: e, href } = p;
  const returnOn = (days: DatedFare[]) =>
    days.map((d) => ({
      href: href({ returnDate: d.date, page: "" }),
      text: `Return ${formatDay(d.date)}, from ${formatPrice(d.price, p.currency)}`,
    }));
  switch (e.kind) {
    case "no_return_after_outbound": {
      const o = e.latestOutbound;
      return [
        ...returnOn(e.nextDates),
        ...(o
          ? [{
            href: href({
              date: o.date,
              out: o.id.split("+").join(","),
              departAfter: "",
              departBefore: "",
              page: "",
            }),
            text: `Fly out ${formatDay(o.date)} at ${time(o.departureLocal)}, landing ${
              o.arrivalLocal.slice(0, 10) === o.date
                ? time(o.arrivalLocal)
                : `${formatDay(o.arrivalLocal.slice(0, 10))} ${time(o.arrivalLocal)}`
            }`,
          }]
          : []),
      ];
    }
    case "beyond_schedule":
      return [{
        href: href({ returnDate: e.openUntil, page: "" }),
        text: `Return ${formatDay(e.openUntil)}`,
      }];
    case "route_not_served":
      // The way back leaves from near the destination and lands near the origin.
      return [
        ...airports(e.nearbyFrom, "to", href),
        ...airports(e.nearbyTo, "from", href),
        ...(e.nextConnection
          ? [{
            href: href({ returnDate: e.nextConnection, maxStops: "", page: "" }),
            text: `Return with a connection on ${formatDay(e.nextConnection)}`,
          }]
          : []),
      ];
    case "no_flights_on_date":
    case "sold_out":
      return returnOn(e.nextDates);
    case "filtered":
      return [{
        href: href({ maxStops: "", maxPrice: "", page: "" }),
        text: `Show the ${e.total} without the filters`,
      }];
    default:
      return alternatives({ ...p, empty: e });
  }
}

/** What to try instead, as links to those searches. */
function alternatives(p: EmptyExplanationProps & { empty: EmptySearch }): Link[] {
  const { empty: e, href } = p;
  switch (e.kind) {
    case "beyond_schedule":
      return [{
        href: href({ date: e.openUntil, page: "" }),
        text: `Search ${formatDay(e.openUntil)}`,
      }];
    case "route_not_served":
      return [
        ...airports(e.nearbyFrom, "from", href),
        ...airports(e.nearbyTo, "to", href),
        ...(e.nextConnection
          ? [{
            href: href({ date: e.nextConnection, maxStops: "", page: "" }),
            text: `Connections on ${formatDay(e.nextConnection)}`,
          }]
          : []),
      ];
    case "no_flights_on_date":
    case "sold_out":
      return dates(e.nextDates, p.currency, href);
    case "cabin_not_offered":
      return e.offered.map((c) => ({
        href: href({ cabin: c.cabin, page: "" }),
        text: `${CABIN_NAMES[c.cabin]} from ${formatPrice(c.price, p.currency)}`,
      }));
    case "filtered":
      return [{
        href: href({ maxStops: "", departAfter: "", departBefore: "", maxPrice: "", page: "" }),
        text: `Show all ${e.total} without the filters`,
      }];
    case "past_date":
      return [];
  }
}

/** Why a search found nothing, in words, and links to what there is instead. */
export function EmptyExplanation(p: EmptyExplanationProps) {
  const e = p.empty;
  const links = p.back || e.kind === "no_return_after_outbound"
    ? returnAlternatives(p)
    : alternatives({ ...p, empty: e });
  return (
    <div class="empty" data-reason={e.kind} data-leg={p.back ? "return" : undefined}>
      <p>{p.empty.message}</p>
      {links.length > 0 && (
        <ul class="alternatives">
          {links.map((l) => (
            <li key={l.href}>
              <a href={l.href}>{l.text}</a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={p.monthHref}>
          {p.back
            ? "See the cheapest journey back of each day that month"
            : "See the cheapest journey of each day this month"}
        </a>
      </p>
    </div>
  );
}
