import type { Sql } from "./postgres.ts";

/** A file sent with an email; `content` is base64. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

/** What a producer puts in the outbox. */
export interface NewEmail {
  dedupeKey: string;
  userId?: string;
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  attachments?: EmailAttachment[];
  /** Skip the send if this booking is no longer in one of `requiresStatus` by then. */
  bookingId?: string;
  requiresStatus?: string[];
}

/**
 * A row the sender claimed, with the booking's current status when the row names one, and for
 * a message about several bookings (`payload.group.bookings`) those still in `requiresStatus`.
 */
export interface ClaimedEmail {
  id: string;
  dedupeKey: string;
  userId: string | null;
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  attachments: EmailAttachment[];
  attempts: number;
  requiresStatus: string[] | null;
  bookingStatus: string | null;
  liveBookingIds: string[] | null;
}

/** Queues an email once per dedupe key; false when the key was already used. */
export async function enqueueEmail(sql: Sql, e: NewEmail, now: Date): Promise<boolean> {
  const rows = await sql`
    INSERT INTO email_outbox (dedupe_key, user_id, booking_id, requires_status, recipient,
      template, payload, attachments, next_attempt_at)
    VALUES (${e.dedupeKey}, ${e.userId ?? null}, ${e.bookingId ?? null},
      ${e.requiresStatus ?? null}, ${e.recipient}, ${e.template},
      ${sql.json(e.payload as never)}, ${sql.json((e.attachments ?? []) as never)}, ${now})
    ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`;
  return rows.length > 0;
}

/**
 * Claims up to `limit` due emails for `leaseMs`: pending rows whose time has come, and rows
 * another sender claimed but never finished (it died). One statement, SKIP LOCKED, so
 * concurrent senders never claim the same row.
 */
export async function claimDueEmails(
  sql: Sql,
  now: Date,
  opts: { limit: number; leaseMs: number },
): Promise<ClaimedEmail[]> {
  const rows = await sql`
    UPDATE email_outbox o SET status = 'sending', attempts = o.attempts + 1,
      locked_until = ${new Date(now.getTime() + opts.leaseMs)}
    FROM (
      SELECT id FROM email_outbox
      WHERE (status = 'pending' AND next_attempt_at <= ${now})
         OR (status = 'sending' AND locked_until < ${now})
      ORDER BY next_attempt_at LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE o.id = due.id
    RETURNING o.id, o.dedupe_key, o.user_id, o.recipient, o.template, o.payload, o.attachments, o.attempts,
      o.requires_status,
      (SELECT b.status FROM bookings b WHERE b.id = o.booking_id) AS booking_status,
      -- Only well-formed ids are cast: one bad row must not stop the batch it is claimed in.
      CASE WHEN jsonb_typeof(o.payload -> 'group' -> 'bookings') = 'array' THEN ARRAY(
        SELECT b.id::text FROM bookings b
        WHERE b.id IN (
            SELECT (e ->> 'id')::uuid
            FROM jsonb_array_elements(o.payload -> 'group' -> 'bookings') e
            WHERE jsonb_typeof(e) = 'object' AND (e ->> 'id') ~*
              '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
          AND (o.requires_status IS NULL OR b.status = ANY (o.requires_status))) END
        AS live_booking_ids`;
  return rows.map((r) => ({
    id: r.id,
    dedupeKey: r.dedupe_key,
    userId: r.user_id,
    recipient: r.recipient,
    template: r.template,
    payload: r.payload,
    attachments: r.attachments,
    attempts: r.attempts,
    requiresStatus: r.requires_status,
    bookingStatus: r.booking_status,
    liveBookingIds: r.live_booking_ids,
  }));
}

/** Marks a claimed email sent with the provider's message id. */
export async function markEmailSent(
  sql: Sql,
  id: string,
  sent: { provider: string; providerId: string; at: Date },
): Promise<void> {
  await sql`
    UPDATE email_outbox SET status = 'sent', provider = ${sent.provider},
      provider_id = ${sent.providerId}, sent_at = ${sent.at}, locked_until = NULL, last_error = NULL
    WHERE id = ${id}`;
}

/** Marks a claimed email skipped: what it announced is no longer true. */
export async function markEmailSkipped(sql: Sql, id: string, reason: string): Promise<void> {
  await sql`
    UPDATE email_outbox SET status = 'skipped', locked_until = NULL, last_error = ${reason}
    WHERE id = ${id}`;
}

/** Records a failed attempt: back to pending at `retryAt`, or failed for good without one. */
export async function markEmailFailed(
  sql: Sql,
  id: string,
  f: { error: string; retryAt?: Date },
): Promise<void> {
  await sql`
    UPDATE email_outbox SET status = ${f.retryAt ? "pending" : "failed"},
      next_attempt_at = COALESCE(${f.retryAt ?? null}, next_attempt_at), locked_until = NULL,
      last_error = ${f.error.slice(0, 500)}
    WHERE id = ${id}`;
}

/** One rendered email on its way out. */
export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: EmailAttachment[];
}

/** A message as the dev mailbox keeps it. */
export interface MailboxMessage extends OutgoingEmail {
  id: string;
  createdAt: string;
}

/** Stores a rendered email in the dev mailbox once per key; returns its id either way. */
export async function deliverToMailbox(
  sql: Sql,
  m: OutgoingEmail & { dedupeKey: string; userId?: string },
): Promise<string> {
  const [row] = await sql`
    INSERT INTO dev_mailbox (dedupe_key, user_id, sender, recipient, subject, html, text_body,
      attachments)
    VALUES (${m.dedupeKey}, ${m.userId ?? null}, ${m.from}, ${m.to}, ${m.subject}, ${m.html},
      ${m.text}, ${sql.json(m.attachments as never)})
    ON CONFLICT (dedupe_key) DO UPDATE SET dedupe_key = EXCLUDED.dedupe_key
    RETURNING id`;
  return row.id;
}

type MailboxRow = {
  id: string;
  sender: string;
  recipient: string;
  subject: string;
  html: string;
  text_body: string;
  attachments: EmailAttachment[];
  created_at: Date;
};

const toMessage = (r: MailboxRow): MailboxMessage => ({
  id: r.id,
  from: r.sender,
  to: r.recipient,
  subject: r.subject,
  html: r.html,
  text: r.text_body,
  attachments: r.attachments,
  createdAt: r.created_at.toISOString(),
});

/** A page of the dev mailbox, newest first, without bodies. */
export async function listMailbox(sql: Sql, page: { limit: number; offset: number }) {
  const rows = await sql<MailboxRow[]>`
    SELECT id, sender, recipient, subject, '' AS html, '' AS text_body, attachments, created_at
    FROM dev_mailbox ORDER BY created_at DESC, id LIMIT ${page.limit} OFFSET ${page.offset}`;
  const [{ n }] = await sql`SELECT count(*)::int AS n FROM dev_mailbox`;
  return {
    total: n as number,
    data: rows.map(toMessage).map(({ html: _h, text: _t, attachments, ...m }) => ({
      ...m,
      attachments: attachments.map((a) => a.filename),
    })),
  };
}

/** One dev mailbox message with its bodies and attachments. */
export async function getMailboxMessage(
  sql: Sql,
  id: string,
): Promise<MailboxMessage | undefined> {
  const [row] = await sql<MailboxRow[]>`
    SELECT id, sender, recipient, subject, html, text_body, attachments, created_at
    FROM dev_mailbox WHERE id = ${id}`;
  return row && toMessage(row);
}
