/**
 * Email templates: one subject line and one body per kind, rendered to HTML and plain text.
 * Everything in the payload came from users or the database, so the HTML escapes all of it
 * and subjects lose line breaks (no header tricks). Pure: no I/O.
 */
import { bookingsBody, type BookingsMessage } from "../domain/flight_notice.ts";

/** A flight as emails show it. */
export interface EmailFlight {
  number: string;
  from: string;
  to: string;
  /** Local departure time at the origin, "YYYY-MM-DDTHH:MM". */
  departureLocal: string;
  /** The departure as every notice shows it, "Fri 1 Mar, 10:30 CET" (older rows lack it). */
  departs?: string;
}

/** What the notifier stores as an outbox row's payload. */
export interface EmailPayload {
  /** The recipient's name. */
  name: string;
  /** The in-app title and body: every email repeats them. */
  title: string;
  body: string;
  /** A subject composed with the message (flight status and rebooking), over the kind's own. */
  subject?: string;
  pnr?: string;
  flight?: EmailFlight;
  /** Every flight of a journey, in travel order, with the booking's seats on it. */
  legs?: { flight: EmailFlight; seats: string[] }[];
  newFlight?: EmailFlight;
  /** The flights a rebooking gave up, in travel order. */
  replaced?: EmailFlight[];
  tickets?: { number: string; passenger: string; seat: string | null }[];
  seats?: string[];
  refund?: { amount: number; currency: string };
  expiresAt?: string;
  reason?: string;
  gate?: string;
  estimatedDepartureAt?: string;
  /** A message about several of the account's bookings: `body` is bookingsBody(group). */
  group?: BookingsMessage;
}

/**
 * A message about several bookings as it goes out when only `live` of them are still live:
 * the others' words and references are left out; undefined when none is left. Any other
 * message is returned as it is.
 */
export function forLiveBookings(p: EmailPayload, live: Set<string>): EmailPayload | undefined {
  if (!p.group) return p;
  const bookings = p.group.bookings.filter((b) => live.has(b.id));
  if (bookings.length === 0) return undefined;
  if (bookings.length === p.group.bookings.length) return p;
  const group = { ...p.group, bookings };
  return { ...p, group, body: bookingsBody(group), pnr: bookings.map((b) => b.pnr).join(", ") };
}

/** An email ready for a transport. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const SUBJECTS: Record<string, (p: EmailPayload) => string> = {
  booking_confirmed: (p) => `Your booking ${p.pnr} is confirmed: ${flightLine(p.flight)}`,
  booking_cancelled: (p) => `Booking ${p.pnr} is cancelled`,
  booking_refunded: (p) => `Booking ${p.pnr} is cancelled and refunded`,
  hold_expiring: (p) => `Your seats on ${p.flight?.number} are held for a few more minutes`,
  hold_expired: (p) => `Your hold on ${p.flight?.number} has expired`,
  waitlist_offer: (p) => `Seats for you on ${p.flight?.number}: pay to keep them`,
  flight_delayed: (p) => `Delay: ${p.flight?.number} ${p.flight?.from}→${p.flight?.to}`,
  flight_gate_changed: (p) => `Gate change: ${p.flight?.number} now departs from gate ${p.gate}`,
  flight_cancelled: (p) => `Cancelled: ${p.flight?.number} ${p.flight?.from}→${p.flight?.to}`,
  flight_rebooked: (p) => `You have been rebooked onto ${p.newFlight?.number}`,
  flight_boarding: (p) => `Boarding: ${p.flight?.number}`,
  flight_schedule_changed: (p) => `Schedule change: ${flightLine(p.flight)}`,
  seat_changed: (p) => `Your seats on ${p.flight?.number} have changed`,
  flight_refund_offered: (p) => `${p.flight?.number} is cancelled: your refund is ready`,
  flight_message: (p) => `${p.flight?.number}: ${p.title}`,
  sign_in_alert: () => "Failed sign-in attempts on your Contrail account",
  booking_changed: (p) => `Booking ${p.pnr}: changed by our staff`,
  ops_alert: (p) => `Operations alert: ${p.title}`,
};

function flightLine(f: EmailFlight | undefined): string {
  return f
    ? `${f.number} ${f.from}→${f.to} on ${f.departs ?? f.departureLocal.replace("T", " ")}`
    : "";
}

/** Minor units to "123.45 EUR". */
export function money(amount: number, currency: string): string {
  return `${(amount / 100).toFixed(2)} ${currency}`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function details(p: EmailPayload): [string, string][] {
  // A rebooking lists its new flights leg by leg, even a single one, with what they replace.
  const journey = (p.legs?.length ?? 0) > 1 || p.replaced ? p.legs ?? [] : undefined;
  const rows: [string, string | undefined][] = [
    ["Booking reference", p.pnr],
    ...(p.replaced ?? []).map((f, i, all): [string, string] => [
      all.length > 1 ? `Replaced flight ${i + 1}` : "Replaced flight",
      flightLine(f),
    ]),
    ...(journey
      ? journey.map((l, i): [string, string] => [
        p.replaced
          ? (journey.length > 1 ? `New flight ${i + 1}` : "New flight")
          : `Flight ${i + 1}`,
        `${flightLine(l.flight)}${l.seats.length ? `, seats ${l.seats.join(", ")}` : ""}`,
      ])
      : [
        ["Flight", p.flight && flightLine(p.flight)] as [string, string | undefined],
        ["Seats", p.seats?.length ? p.seats.join(", ") : undefined] as [string, string | undefined],
      ]),
    ["New flight", journey ? undefined : p.newFlight && flightLine(p.newFlight)],
    ["Gate", p.gate],
    ["New departure", p.estimatedDepartureAt],
    ["Reason", p.reason],
    ["Refund", p.refund && money(p.refund.amount, p.refund.currency)],
    ["Hold expires", p.expiresAt],
  ];
  const out = rows.filter((r): r is [string, string] => !!r[1]);
  for (const t of p.tickets ?? []) {
    out.push([`E-ticket ${t.number}`, `${t.passenger}${t.seat ? `, seat ${t.seat}` : ""}`]);
  }
  return out;
}

const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, " ").trim().slice(0, 200);

/** Renders a template; unknown templates (crew and other generic notices) use the title. */
export function renderEmail(template: string, p: EmailPayload): RenderedEmail {
  const subject = oneLine(p.subject ?? (SUBJECTS[template] ?? ((x) => x.title))(p));
  const rows = details(p);
  const text = [
    `Hello ${p.name},`,
    "",
    p.body,
    "",
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...(rows.length ? [""] : []),
    "Contrail",
  ].join("\n");
  const table = rows.length
    ? `<table cellpadding="4">${
      rows.map(([k, v]) =>
        `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`
      )
        .join("")
    }</table>`
    : "";
  const html = `<!doctype html><html><body style="font-family:sans-serif">` +
    `<h1 style="font-size:20px">${escapeHtml(p.title)}</h1>` +
    `<p>Hello ${escapeHtml(p.name)},</p><p>${escapeHtml(p.body)}</p>${table}` +
    `<p style="color:#666">Contrail</p></body></html>`;
  return { subject, html, text };
}
