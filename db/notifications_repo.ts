import type { Sql } from "./postgres.ts";
import { olderUserNotificationHeadKey, userNotificationHeadKey } from "./kv_keys.ts";
import type { NewEmail } from "./email_outbox_repo.ts";
import { groupCommit } from "./group_commit.ts";
import type { Notification } from "../domain/views/notification.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { Notification };

/** What a producer supplies; `dedupeKey` makes at-least-once producers notify once. */
export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  dedupeKey: string;
}

type Row = {
  id: string;
  seq: string | number;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
};

function toNotification(r: Row): Notification {
  return {
    id: r.id,
    seq: Number(r.seq),
    kind: r.kind,
    title: r.title,
    body: r.body,
    data: r.data,
    readAt: r.read_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}

/** An email to queue with a notification, in the same statement. */
export type NotificationEmail = Omit<NewEmail, "dedupeKey" | "userId">;

/** What storing a notification did: the row (undefined: its key was used) and the email. */
export interface StoredNotification {
  notification?: Notification;
  emailQueued: boolean;
}

/**
 * Stores a notification once per dedupe key, with its email queued in the same statement
 * when `email` is given, then raises the user's head in KV so every process's SSE hub pushes
 * it. The stream sends rows with seq above the last one sent, so one user's rows must commit
 * in seq order: the statement locks the user's row before it draws the seq, and holds the lock
 * until it commits (one round trip; no transaction, no advisory lock).
 */
export async function storeNotification(
  sql: Sql,
  kv: Deno.Kv,
  n: NewNotification,
  options: { email?: NotificationEmail; now?: Date } = {},
): Promise<StoredNotification> {
  const e = options.email;
  const emailed = e
    ? sql`, emailed AS (
        INSERT INTO email_outbox (dedupe_key, user_id, booking_id, requires_status, recipient,
          template, payload, attachments, next_attempt_at)
        SELECT ${n.dedupeKey}, ${n.userId}, ${e.bookingId ?? null}, ${e.requiresStatus ?? null},
          ${e.recipient}, ${e.template}, ${sql.json(e.payload as never)},
          ${sql.json((e.attachments ?? []) as never)}, ${options.now ?? new Date()}
        FROM owner
        ON CONFLICT (dedupe_key) DO NOTHING RETURNING 1)`
    : sql``;
  const [row] = await sql<(Row & { emailed: boolean })[]>`
    WITH owner AS (SELECT id FROM users WHERE id = ${n.userId} FOR UPDATE)${emailed},
    stored AS (
      INSERT INTO notifications (user_id, kind, title, body, data, dedupe_key)
      SELECT id, ${n.kind}, ${n.title}, ${n.body},
        ${sql.json((n.data ?? {}) as Parameters<Sql["json"]>[0])}, ${n.dedupeKey}
      FROM owner
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, seq, kind, title, body, data, read_at, created_at)
    SELECT s.*, ${e ? sql`EXISTS (SELECT 1 FROM emailed)` : sql`false`} AS emailed
    FROM (SELECT 1) one LEFT JOIN stored s ON true`;
  const notification = row?.id ? toNotification(row) : undefined;
  if (notification) await bumpNotificationHead(kv, n.userId, notification.seq);
  return { notification, emailQueued: !!row?.emailed };
}

/**
 * Stores a notification once per dedupe key (see storeNotification); undefined when the key
 * was already used.
 */
export async function insertNotification(
  sql: Sql,
  kv: Deno.Kv,
  n: NewNotification,
): Promise<Notification | undefined> {
  return (await storeNotification(sql, kv, n)).notification;
}

const headWriters = new WeakMap<
  Deno.Kv,
  (item: { userId: string; seq: number }) => Promise<void>
>();

/**
 * Raises the user's notification head to `seq` (never lowers it: inserts may race). A `max`
 * needs no read and never conflicts, so concurrent raises share one KV commit.
 */
export function bumpNotificationHead(kv: Deno.Kv, userId: string, seq: number): Promise<void> {
  let write = headWriters.get(kv);
  if (!write) {
    write = groupCommit<{ userId: string; seq: number }, void>(async (items) => {
      const atomic = kv.atomic();
      for (const i of items) atomic.max(userNotificationHeadKey(i.userId), BigInt(i.seq));
      await atomic.commit();
      return items.map(() => undefined);
    }, { maxBatch: 500 });
    headWriters.set(kv, write);
  }
  return write({ userId, seq });
}

/**
 * A user's notification head (the newest seq in KV; 0 before the first). A user last told
 * before the head became a KvU64 has it under the older key, read until the new one is set.
 */
export async function getNotificationHead(kv: Deno.Kv, userId: string): Promise<number> {
  const [head, older] = await kv.getMany<[Deno.KvU64, number]>([
    userNotificationHeadKey(userId),
    olderUserNotificationHeadKey(userId),
  ]);
  return Number(head.value ?? older.value ?? 0);
}

/** A user's notifications with seq above `afterSeq`, oldest first (stream catch-up). */
export async function listNotificationsAfter(
  sql: Sql,
  userId: string,
  afterSeq: number,
  limit = 100,
): Promise<Notification[]> {
  const rows = await sql<Row[]>`
    SELECT id, seq, kind, title, body, data, read_at, created_at FROM notifications
    WHERE user_id = ${userId} AND seq > ${afterSeq} ORDER BY seq LIMIT ${limit}`;
  return rows.map(toNotification);
}

/** A page of a user's notifications, newest first, before seq `before` when given. */
export async function listNotifications(
  sql: Sql,
  userId: string,
  page: { limit: number; before?: number },
): Promise<Notification[]> {
  const rows = await sql<Row[]>`
    SELECT id, seq, kind, title, body, data, read_at, created_at FROM notifications
    WHERE user_id = ${userId} ${page.before ? sql`AND seq < ${page.before}` : sql``}
    ORDER BY seq DESC LIMIT ${page.limit}`;
  return rows.map(toNotification);
}

/** How many of a user's notifications are unread. */
export async function countUnread(sql: Sql, userId: string): Promise<number> {
  const [row] = await sql`
    SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`;
  return row.n;
}

/**
 * Marks one of the user's notifications read (keeping the first read time); undefined when
 * the user has no notification with that id.
 */
export async function markNotificationRead(
  sql: Sql,
  userId: string,
  id: string,
  now: Date,
): Promise<Notification | undefined> {
  const [row] = await sql<Row[]>`
    UPDATE notifications SET read_at = COALESCE(read_at, ${now})
    WHERE id = ${id} AND user_id = ${userId}
    RETURNING id, seq, kind, title, body, data, read_at, created_at`;
  return row && toNotification(row);
}

/** Marks a user's unread notifications read, up to seq `upTo` if given; returns how many. */
export async function markAllNotificationsRead(
  sql: Sql,
  userId: string,
  now: Date,
  upTo?: number,
): Promise<number> {
  const rows = await sql`
    UPDATE notifications SET read_at = ${now}
    WHERE user_id = ${userId} AND read_at IS NULL ${upTo ? sql`AND seq <= ${upTo}` : sql``}
    RETURNING id`;
  return rows.length;
}

/** What the header bell shows: the unread count and the newest seq it covers. */
export interface NotificationBadge {
  unread: number;
  /** The stream resumes after this seq, so nothing between page and stream is missed. */
  lastSeq: number;
}

/** A user's unread count and newest notification seq, in one query. */
export async function notificationBadge(sql: Sql, userId: string): Promise<NotificationBadge> {
  const [row] = await sql`
    SELECT count(*) FILTER (WHERE read_at IS NULL)::int AS unread,
           COALESCE(max(seq), 0)::bigint AS last_seq
    FROM notifications WHERE user_id = ${userId}`;
  return { unread: row.unread, lastSeq: Number(row.last_seq) };
}
