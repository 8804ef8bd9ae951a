import type { Sql } from "./postgres.ts";
import type { ChannelChoice, NotificationKind } from "../domain/notification_kinds.ts";

/** A user's stored channel choices by kind; kinds never changed are absent. */
export async function getPreferences(
  sql: Sql,
  userId: string,
): Promise<Partial<Record<NotificationKind, ChannelChoice>>> {
  const rows = await sql`
    SELECT kind, email, push FROM notification_preferences WHERE user_id = ${userId}`;
  return Object.fromEntries(rows.map((r) => [r.kind, { email: r.email, push: r.push }]));
}

/** One kind's stored choice, if the user made one. */
export async function getPreference(
  sql: Sql,
  userId: string,
  kind: NotificationKind,
): Promise<ChannelChoice | undefined> {
  const [row] = await sql`
    SELECT email, push FROM notification_preferences WHERE user_id = ${userId} AND kind = ${kind}`;
  return row && { email: row.email, push: row.push };
}

/** Stores complete choices for the given kinds in one statement. */
export async function savePreferences(
  sql: Sql,
  userId: string,
  choices: Partial<Record<NotificationKind, ChannelChoice>>,
  now: Date,
): Promise<void> {
  const rows = Object.entries(choices).map(([kind, c]) => ({ kind, email: c.email, push: c.push }));
  if (!rows.length) return;
  await sql`
    INSERT INTO notification_preferences (user_id, kind, email, push, updated_at)
    SELECT ${userId}, r.kind, r.email, r.push, ${now}
    FROM jsonb_to_recordset(${sql.json(rows)}) AS r(kind text, email boolean, push boolean)
    ON CONFLICT (user_id, kind) DO UPDATE
      SET email = EXCLUDED.email, push = EXCLUDED.push, updated_at = EXCLUDED.updated_at`;
}

/** Whom a notification reaches: an account's address and name, and its choice for one kind. */
export interface NotifyTarget {
  email: string;
  name: string;
  /** The stored choice for the kind, if the user made one. */
  choice: ChannelChoice | undefined;
}

/** The account (unless erased) and its choice for `kind`, in one read; undefined if none. */
export async function getNotifyTarget(
  sql: Sql,
  userId: string,
  kind: NotificationKind,
): Promise<NotifyTarget | undefined> {
  const [row] = await sql`
    SELECT u.email, u.name, p.email AS email_choice, p.push AS push_choice
    FROM users u
    LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = ${kind}
    WHERE u.id = ${userId} AND u.anonymized_at IS NULL`;
  if (!row) return undefined;
  return {
    email: row.email,
    name: row.name,
    choice: row.email_choice === null
      ? undefined
      : { email: row.email_choice as boolean, push: row.push_choice as boolean },
  };
}
