/** A user's in-app notifications: one page of them, and marking them read. */
import { z } from "zod";
import { notFound } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationBadge,
  notificationBadge,
} from "../../db/notifications_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import type { Actor } from "../actor.ts";

/** `:id` of a notification (the API's and the notifications page's). */
export const NotificationIdParam = z.object({
  id: z.uuid({ message: "expected a notification id" }),
});

/** What the in-app notification inbox needs. */
export interface InboxDeps {
  sql: Sql;
  clock: Clock;
}

/** A page of the actor's notifications, newest first, with the unread count. */
export async function readInbox(
  deps: Pick<InboxDeps, "sql">,
  actor: Actor,
  page: { limit: number; before?: number },
) {
  const [data, unread] = await Promise.all([
    listNotifications(deps.sql, actor.userId!, page),
    countUnread(deps.sql, actor.userId!),
  ]);
  return {
    data,
    unread,
    limit: page.limit,
    // The seq to pass as `before` for the next (older) page.
    nextBefore: data.length === page.limit ? data[data.length - 1].seq : null,
  };
}

/** Marks the actor's notifications read up to seq `upTo` (all when absent). */
export async function readAll(deps: InboxDeps, actor: Actor, upTo?: number) {
  const updated = await markAllNotificationsRead(deps.sql, actor.userId!, deps.clock.now(), upTo);
  return { updated, unread: await countUnread(deps.sql, actor.userId!) };
}

/** Marks one of the actor's notifications read; someone else's is a 404 like a missing one. */
export async function readOne(deps: InboxDeps, actor: Actor, id: string) {
  const read = await markNotificationRead(deps.sql, actor.userId!, id, deps.clock.now());
  if (!read) throw notFound("Notification");
  return { ...read, unread: await countUnread(deps.sql, actor.userId!) };
}

export type { NotificationBadge };

/** A user's unread count and newest notification, for the header bell on every page. */
export function unreadBadge(deps: Pick<InboxDeps, "sql">, userId: string) {
  return notificationBadge(deps.sql, userId);
}
