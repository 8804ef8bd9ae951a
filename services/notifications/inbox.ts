/** A user's in-app notifications: one page of them, and marking them read. */
import type { Notification } from "../../domain/views/notification.ts";
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "../../db/notifications_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** One page of a user's notifications, newest first, and how many are unread in all. */
export async function inboxPage(
  sql: Sql,
  userId: string,
  page: { limit: number; before?: number },
): Promise<{ items: Notification[]; unread: number }> {
  const [items, unread] = await Promise.all([
    listNotifications(sql, userId, page),
    countUnread(sql, userId),
  ]);
  return { items, unread };
}

/** Marks one of the user's notifications read; false when the user has no such notification. */
export async function markRead(sql: Sql, userId: string, id: string, now: Date): Promise<boolean> {
  return (await markNotificationRead(sql, userId, id, now)) !== undefined;
}

/** Marks the user's notifications read, up to seq `upTo` when given (what a page showed). */
export async function markAllRead(
  sql: Sql,
  userId: string,
  now: Date,
  upTo?: number,
): Promise<void> {
  await markAllNotificationsRead(sql, userId, now, upTo);
}
