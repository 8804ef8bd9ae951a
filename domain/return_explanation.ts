/**
 * Why a round trip has no way back: either the return date searched one way found nothing (the
 * one-way reasons, told as the way back), the price limit hides the pairs, or the ways back
 * that day all leave before a way out lands and the passenger has the time to connect.
 */
import {
  CABINS,
  type DatedFare,
  describeEmptySearch,
  type EmptySearchReason,
  type ExplainedSearch,
} from "./search_explanation.ts";
import { formatDay, formatPrice } from "./text_format.ts";

/** A way out that does connect with a way back on the return date. */
export interface ConnectingOutbound {
  /** Its flights' ids joined by `+`. */
  id: string;
  date: string;
  /** Local times at its airports, `YYYY-MM-DDTHH:MM`. */
  departureLocal: string;
  arrivalLocal: string;
}

/** The reason a round trip gives for having no way back, with what to do instead. */
export type EmptyReturnReason =
  | EmptySearchReason
  | {
    kind: "no_return_after_outbound";
    /** Whose landing the times are from: the way out chosen, or the earliest to land. */
    outbound: "chosen" | "earliest";
    /** When that way out lands, local at the destination (`YYYY-MM-DDTHH:MM`). */
    outboundArrives: string;
    /** The destination's minimum connection time, in minutes. */
    connectMinutes: number;
    /** The earliest a way back may leave: the landing plus the connection time (local). */
    earliestReturn: string;
    /** When the last way back of the return date leaves (local). */
    lastReturn: string;
    /** The next return dates with a way back that connects, cheapest per passenger. */
    nextDates: DatedFare[];
    /** The latest way out that connects with a way back that day (that day, else the day before). */
    latestOutbound?: ConnectingOutbound;
  };

/** The round trip an explanation of its way back is about (from and to as the trip goes out). */
export type ExplainedReturn = ExplainedSearch & {
  returnDate: string;
  /** Ways back with seats in the cabin leave that day, but too early: the reason is the later ones'. */
  tooEarly?: boolean;
};

const party = (n: number) => (n === 1 ? "1 passenger" : `${n} passengers`);

const hhmm = (local: string) => local.slice(11, 16);

/** `local`'s time, with its day when that is not `day`. */
const at = (local: string, day: string) =>
  local.slice(0, 10) === day ? hhmm(local) : `${formatDay(local.slice(0, 10))} ${hhmm(local)}`;

const fares = (list: DatedFare[], currency: string) =>
  list.map((d) => `${formatDay(d.date)} from ${formatPrice(d.price, currency)}`).join(", ");

/** The reason in plain sentences, e.g. "No return on Sat 2 Mar connects: …". */
export function describeEmptyReturn(r: EmptyReturnReason, q: ExplainedReturn): string {
  const day = formatDay(q.returnDate);
  if (r.kind !== "no_return_after_outbound") {
    if (q.tooEarly && (r.kind === "sold_out" || r.kind === "cabin_not_offered")) {
      return `On the way back (${day}): the returns late enough to connect ${
        r.kind === "sold_out"
          ? `have no seats left in ${CABINS[q.cabin]} for ${party(q.passengers)}`
          : `have no ${CABINS[q.cabin]}`
      }; those that do leave before you land.` +
        (r.kind === "sold_out" && r.nextDates.length
          ? ` Next dates with a return that connects: ${fares(r.nextDates, q.currency)}.`
          : "") +
        (r.kind === "cabin_not_offered" && r.offered.length
          ? ` ${
            r.offered.map((c) => `${CABINS[c.cabin]} from ${formatPrice(c.price, q.currency)}`)
              .join(", ")
          }.`
          : "");
    }
    // The return date searched one way: its sentence, from the destination back home.
    return `On the way back (${day}): ${describeEmptySearch(r, { ...q, from: q.to, to: q.from })}`;
  }
  const who = r.outbound === "chosen" ? "your outbound flight" : "the earliest outbound flight";
  const parts = [
    `No return on ${day} connects: ${who} lands in ${q.to} at ${
      at(r.outboundArrives, q.returnDate)
    }` +
    ` and a return needs ${r.connectMinutes} min to connect, so it must leave at ` +
    `${at(r.earliestReturn, q.returnDate)} or later; the last one leaves at ` +
    `${at(r.lastReturn, q.returnDate)}.`,
  ];
  if (r.nextDates.length) {
    parts.push(`Next dates with a return that connects: ${fares(r.nextDates, q.currency)}.`);
  }
  if (r.latestOutbound) {
    const o = r.latestOutbound;
    parts.push(
      `An outbound flight leaving ${formatDay(o.date)} at ${hhmm(o.departureLocal)} connects.`,
    );
  }
  return parts.join(" ");
}
