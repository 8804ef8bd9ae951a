import type { Sql } from "./postgres.ts";
import { userNotificationHeadKey } from "./kv_keys.ts";

/** An in-app notification as stored and as sent to the client. */
export interface Notification {
  id: string;
  /** Per-user order; the SSE event id. */
  seq: number;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

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

/**
 * Stores a notification once per dedupe key and bumps the user's head in KV so every
 * process's SSE hub pushes it. Returns undefined when the key was already used.
 */
export async function insertNotification(
  sql: Sql,
  kv: Deno.Kv,
  n: NewNotification,
): Promise<Notification | undefined> {
  // The stream sends rows with seq above the last one sent, so one user's rows must commit in
  // seq order: a per-user transaction lock makes the seq drawn inside it follow commit order.
  const [row] = await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(hashtext(${`notifications:${n.userId}`}))`;
    return await tx<Row[]>`
      INSERT INTO notifications (user_id, kind, title, body, data, dedupe_key)
      VALUES (${n.userId}, ${n.kind}, ${n.title}, ${n.body},
        ${tx.json((n.data ?? {}) as Parameters<Sql["json"]>[0])}, ${n.dedupeKey})
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, seq, kind, title, body, data, read_at, created_at`;
  });
  if (!row) return undefined;
  const notification = toNotification(row);
  await bumpNotificationHead(kv, n.userId, notification.seq);
  return notification;
}

/** Raises the user's notification head to `seq` (never lowers it: inserts may race). */
export async function bumpNotificationHead(
  kv: Deno.Kv,
  userId: string,
  seq: number,
): Promise<void> {
  const key = userNotificationHeadKey(userId);
  for (;;) {
    const current = await kv.get<number>(key);
    if ((current.value ?? 0) >= seq) return;
    const done = await kv.atomic().check(current).set(key, seq).commit();
    if (done.ok) return;
  }
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
