import type { Clock } from "../domain/clock.ts";
import { channelsFor, type NotificationKind } from "../domain/notification_kinds.ts";
import { formatInZone } from "../domain/time.ts";
import type { BookingsMessage, NoticeFlight } from "../domain/flight_notice.ts";
import type { Sql } from "../db/postgres.ts";
import { type Notification, storeNotification } from "../db/notifications_repo.ts";
import { getNotifyTarget } from "../db/preferences_repo.ts";
import type { EmailAttachment } from "../db/email_outbox_repo.ts";
import type { FlightSummary } from "../db/flights_repo.ts";
import { LIVE_BOOKING_STATES } from "../db/flight_audience_repo.ts";
import type { EmailFlight, EmailPayload } from "./email_templates.ts";
import type { Logger } from "../platform/log.ts";
import { type PushReport, pushToUser, type VapidKeys } from "../adapters/web_push.ts";

/** What every producer of notifications needs; built once in the composition root. */
export interface NotifierDeps {
  sql: Sql;
  kv: Deno.Kv;
  log: Logger;
  clock: Clock;
  /** Web Push identity; push is off without it. */
  vapid?: VapidKeys;
  /** Called after email was queued, so the outbox sender runs now rather than on its timer. */
  emailQueued?: () => void;
  /** Called after notices were queued, so the notice worker runs now rather than on its timer. */
  noticeQueued?: () => void;
}

/** One notification to one user, with what its email needs beyond the title and body. */
export interface UserNotice {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  /** The producer's natural key: the same key never notifies twice on any channel. */
  dedupeKey: string;
  email?: {
    payload?: Omit<EmailPayload, "name" | "title" | "body">;
    attachments?: EmailAttachment[];
    /** Send to this address instead of the account's (a booking's contact email). */
    recipient?: string | null;
    /** Drop the email at send time if this booking left `requiresStatus` by then. */
    bookingId?: string;
    requiresStatus?: string[];
  };
}

/** What a notifyUser call did on each channel. */
export interface NotifyResult {
  inApp?: Notification;
  emailQueued: boolean;
  push?: PushReport;
}

/**
 * Notifies one user: the in-app row always (through insertNotification, which the SSE
 * stream watches), email and push as the kind and the user's preferences allow. Safe to
 * call again with the same dedupe key: the email and in-app row are unique by it, and push
 * goes out only with a newly stored in-app row. Erased or unknown users get nothing.
 */
export async function notifyUser(deps: NotifierDeps, n: UserNotice): Promise<NotifyResult> {
  // The account and this kind's channel choice in one read.
  const user = await getNotifyTarget(deps.sql, n.userId, n.kind);
  if (!user) return { emailQueued: false };
  const channels = channelsFor(n.kind, user.choice);
  const email = channels.email && n.email !== undefined
    ? {
      recipient: n.email.recipient || user.email,
      template: n.kind,
      payload: { ...n.email.payload, name: user.name, title: n.title, body: n.body } as Record<
        string,
        unknown
      >,
      attachments: n.email.attachments,
      bookingId: n.email.bookingId,
      requiresStatus: n.email.requiresStatus,
    }
    : undefined;
  // The in-app row and its email in one statement: both or neither.
  const { notification: inApp, emailQueued } = await storeNotification(deps.sql, deps.kv, {
    userId: n.userId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    data: n.data,
    dedupeKey: n.dedupeKey,
  }, { email, now: deps.clock.now() });
  if (emailQueued) deps.emailQueued?.();
  let push: PushReport | undefined;
  if (inApp && channels.push && deps.vapid) {
    push = await pushToUser({ ...deps, vapid: deps.vapid }, n.userId, {
      id: inApp.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      data: n.data ?? {},
    });
  }
  return { inApp, emailQueued, push };
}

/**
 * Runs a producer for a side effect that must not fail the caller's business operation
 * (a payment, a cancellation): errors are logged, and the producer's dedupe keys make a
 * later retry safe.
 */
export async function bestEffort<T>(
  log: Logger,
  what: string,
  produce: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await produce();
  } catch (err) {
    log.error("notification failed", { what, error: err });
    return undefined;
  }
}

/** A flight as emails show it, with its departure in the origin's local time and zone. */
export function emailFlight(f: FlightSummary): EmailFlight {
  return {
    number: `${f.carrier} ${f.flightNumber}`,
    from: f.origin.iata,
    to: f.destination.iata,
    departureLocal: f.departureLocal,
    departs: formatInZone(f.departureAt, f.origin.tz),
  };
}

/** A flight as the notice texts of domain/flight_notice.ts name it. */
export function noticeFlight(f: FlightSummary): NoticeFlight {
  return {
    carrier: f.carrier,
    flightNumber: f.flightNumber,
    origin: f.origin.iata,
    destination: f.destination.iata,
    departureAt: f.departureAt,
    originTz: f.origin.tz,
  };
}

/**
 * The email of a message about an account's bookings on a flight: when it is sent, the
 * bookings no longer held or confirmed are left out of it, and with none left it is skipped.
 */
export function bookingsEmail(
  group: BookingsMessage,
  payload: Omit<EmailPayload, "name" | "title" | "body">,
): NonNullable<UserNotice["email"]> {
  const pnr = group.bookings.map((b) => b.pnr).join(", ");
  return { payload: { ...payload, pnr, group }, requiresStatus: LIVE_BOOKING_STATES };
}

/** Items grouped by account, in first-seen order: a flight's notice goes once to each account. */
export function byAccount<T extends { userId: string }>(items: T[]): T[][] {
  const accounts = new Map<string, T[]>();
  for (const x of items) accounts.set(x.userId, [...accounts.get(x.userId) ?? [], x]);
  return [...accounts.values()];
}
