import type { Sql, Tx } from "./postgres.ts";

/** A notice waiting to be produced: what to tell (`topic`) and about what (`payload`). */
export interface OutboxNotice {
  /** Unique per notice: a notice enqueued twice is produced once. */
  key: string;
  topic: string;
  payload: Record<string, unknown>;
}

/** A row the notice worker claimed. */
export interface ClaimedNotice extends OutboxNotice {
  id: string;
  attempts: number;
}

/**
 * Queues notices once per key (a repeat is ignored); `at` is when they may go out (the
 * change's commit time). Runs on a transaction's handle too, so a notice commits with its
 * change.
 */
export async function enqueueNotices(
  sql: Sql | Tx,
  notices: OutboxNotice[],
  at: Date,
): Promise<void> {
  if (!notices.length) return;
  const rows = notices.map((n) => ({ key: n.key, topic: n.topic, payload: n.payload }));
  await sql`
    INSERT INTO notice_outbox (dedupe_key, topic, payload, available_at)
    SELECT key, topic, payload, ${at}
    FROM jsonb_to_recordset(${sql.json(rows as never)}) AS n(key text, topic text, payload jsonb)
    ON CONFLICT (dedupe_key) DO NOTHING`;
}

/**
 * Claims up to `limit` due notices for `leaseMs`, oldest first: a worker that dies leaves its
 * claims to be taken again when the lease ends. SKIP LOCKED keeps concurrent workers (other
 * isolates, other processes) off each other's rows.
 */
export async function claimNotices(
  sql: Sql,
  now: Date,
  opts: { limit: number; leaseMs: number },
): Promise<ClaimedNotice[]> {
  const rows = await sql`
    UPDATE notice_outbox o SET available_at = ${new Date(now.getTime() + opts.leaseMs)},
      attempts = o.attempts + 1
    FROM (
      SELECT id FROM notice_outbox WHERE available_at <= ${now}
      ORDER BY available_at, id LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE o.id = due.id
    RETURNING o.id, o.dedupe_key, o.topic, o.payload, o.attempts`;
  return rows.map((r) => ({
    id: String(r.id),
    key: r.dedupe_key,
    topic: r.topic,
    payload: r.payload,
    attempts: r.attempts,
  }));
}

/** Whether any notice is due at `now` (claimed ones are not: their lease moved them on). */
export async function hasDueNotices(sql: Sql, now: Date): Promise<boolean> {
  const rows = await sql`SELECT 1 FROM notice_outbox WHERE available_at <= ${now} LIMIT 1`;
  return rows.length > 0;
}

/**
 * Queues the "hold expiring" notice for held bookings with an account that expire in
 * (`now`, `until`] and were not told yet, soonest first, at most `limit`; returns how many
 * were queued. One statement: the notice's own key says what is done.
 */
export async function enqueueHoldExpiringNotices(
  sql: Sql,
  now: Date,
  until: Date,
  limit: number,
): Promise<number> {
  const rows = await sql`
    INSERT INTO notice_outbox (dedupe_key, topic, payload, available_at)
    SELECT 'hold_expiring:' || b.id, 'hold_expiring', jsonb_build_object('bookingId', b.id),
      ${now}
    FROM bookings b
    WHERE b.status = 'held' AND b.user_id IS NOT NULL
      AND b.expires_at > ${now} AND b.expires_at <= ${until}
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'hold_expiring:' || b.id)
    ORDER BY b.expires_at LIMIT ${limit}
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id`;
  return rows.length;
}

/** Removes notices that went out. */
export async function finishNotices(sql: Sql, ids: string[]): Promise<void> {
  if (ids.length) await sql`DELETE FROM notice_outbox WHERE id = ANY(${ids}::bigint[])`;
}

/** Puts a failed notice back for `retryAt`, or parks it for good (kept, for inspection). */
export async function retryNotice(
  sql: Sql,
  id: string,
  f: { error: string; retryAt?: Date },
): Promise<void> {
  await sql`
    UPDATE notice_outbox SET available_at = ${f.retryAt ?? new Date("9999-12-31T00:00:00Z")},
      last_error = ${f.error.slice(0, 500)}
    WHERE id = ${id}`;
}

/** Notices still to go out (parked ones excluded), and the oldest one's age at `now`. */
export async function noticeBacklog(sql: Sql, now: Date) {
  const [row] = await sql`
    SELECT count(*)::int AS pending, min(created_at) AS oldest FROM notice_outbox
    WHERE available_at < '9999-01-01'`;
  return {
    pending: row.pending as number,
    oldestMs: row.oldest ? Math.max(0, now.getTime() - row.oldest.getTime()) : 0,
  };
}
