import type { Sql } from "./postgres.ts";

/** A browser's Web Push subscription (the PushSubscription JSON the browser hands out). */
export interface PushSubscriptionRecord {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * Saves a subscription for the user. The endpoint identifies one browser profile, so a
 * known endpoint is moved to this user with its new keys (the browser re-subscribed).
 */
export async function savePushSubscription(
  sql: Sql,
  userId: string,
  s: { endpoint: string; keys: { p256dh: string; auth: string }; userAgent?: string },
): Promise<{ id: string; created: boolean }> {
  const [row] = await sql`
    INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, user_agent)
    VALUES (${userId}, ${s.endpoint}, ${s.keys.p256dh}, ${s.keys.auth}, ${s.userAgent ?? null})
    ON CONFLICT (endpoint) DO UPDATE
      SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,
          user_agent = EXCLUDED.user_agent
    RETURNING id, (xmax = 0) AS created`;
  return { id: row.id, created: row.created };
}

/** The user's subscriptions. */
export async function listPushSubscriptions(
  sql: Sql,
  userId: string,
): Promise<PushSubscriptionRecord[]> {
  const rows = await sql`
    SELECT id, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = ${userId}
    ORDER BY created_at`;
  return rows.map((r) => ({
    id: r.id,
    endpoint: r.endpoint,
    keys: { p256dh: r.p256dh, auth: r.auth },
  }));
}

/** Deletes one of the user's subscriptions by endpoint, or all of them; returns how many. */
export async function deletePushSubscriptions(
  sql: Sql,
  userId: string,
  endpoint?: string,
): Promise<number> {
  const rows = await sql`
    DELETE FROM push_subscriptions
    WHERE user_id = ${userId} ${endpoint ? sql`AND endpoint = ${endpoint}` : sql``}
    RETURNING id`;
  return rows.length;
}

/** Forgets a subscription the push service said is gone (404/410). */
export async function deletePushSubscriptionById(sql: Sql, id: string): Promise<void> {
  await sql`DELETE FROM push_subscriptions WHERE id = ${id}`;
}

/** Records a delivery the push service accepted. */
export async function touchPushSubscription(sql: Sql, id: string, now: Date): Promise<void> {
  await sql`UPDATE push_subscriptions SET last_sent_at = ${now} WHERE id = ${id}`;
}

/** Deletes all but the user's `keep` newest subscriptions (stale browsers). */
export async function prunePushSubscriptions(sql: Sql, userId: string, keep: number) {
  await sql`
    DELETE FROM push_subscriptions WHERE user_id = ${userId} AND id NOT IN (
      SELECT id FROM push_subscriptions WHERE user_id = ${userId}
      ORDER BY created_at DESC, id LIMIT ${keep})`;
}
