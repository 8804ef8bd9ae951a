import { Hono } from "hono";
import { z } from "zod";
import { invalidInput, notFound } from "../../domain/app_error.ts";
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "../../db/notifications_repo.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";

/** Query of `GET /api/me/notifications`: a page of `limit`, older than seq `before`. */
export const NotificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.coerce.number().int().min(1).optional(),
});
/** `:id` of a notification. */
export const NotificationIdParam = z.object({
  id: z.uuid({ message: "expected a notification id" }),
});

/**
 * Body of `POST /api/me/notifications/read-all`, optional: `upTo` is the newest seq the
 * client has shown, so a notification that arrived meanwhile stays unread.
 */
export const ReadAllBody = z.object({ upTo: z.number().int().min(1).optional() }).strict();

/** `/api/me/notifications`: my in-app notifications, newest first, and reading them. */
export function notificationRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>()
    .get("/notifications", validate("query", NotificationsQuery), async (c) => {
      const userId = c.get("principal").userId!;
      const { limit, before } = c.req.valid("query");
      const [data, unread] = await Promise.all([
        listNotifications(sql, userId, { limit, before }),
        countUnread(sql, userId),
      ]);
      c.header("Cache-Control", "no-store");
      return c.json({
        data,
        unread,
        limit,
        // The seq to pass as `before` for the next (older) page.
        nextBefore: data.length === limit ? data[data.length - 1].seq : null,
      });
    })
    .post("/notifications/read-all", async (c) => {
      const userId = c.get("principal").userId!;
      // The body may be absent; what is sent must still be valid.
      const text = await c.req.text();
      let parsed: unknown = {};
      try {
        if (text.trim()) parsed = JSON.parse(text);
      } catch {
        throw invalidInput([{ path: "(root)", message: "malformed JSON" }]);
      }
      const body = ReadAllBody.safeParse(parsed);
      if (!body.success) {
        throw invalidInput(body.error.issues.map((i) => ({
          path: i.path.join(".") || "(root)",
          message: i.message,
        })));
      }
      const updated = await markAllNotificationsRead(sql, userId, deps.clock.now(), body.data.upTo);
      return c.json({ updated, unread: await countUnread(sql, userId) });
    })
    .post("/notifications/:id/read", validate("param", NotificationIdParam), async (c) => {
      const userId = c.get("principal").userId!;
      // Someone else's notification is as invisible as a missing one: 404 either way.
      const read = await markNotificationRead(
        sql,
        userId,
        c.req.valid("param").id,
        deps.clock.now(),
      );
      if (!read) throw notFound("Notification");
      return c.json({ ...read, unread: await countUnread(sql, userId) });
    });
}
