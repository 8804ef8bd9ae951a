import type { MiddlewareHandler } from "hono";
import { unreadBadge } from "../../services/notifications/inbox.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { wantsPage } from "../error_page.tsx";

/**
 * Puts the signed-in user's unread count on every page request (c.var.notificationBadge), so
 * the header bell shows it without JavaScript and its stream resumes right after it.
 */
export function notificationBadge(deps: Pick<AppDeps, "db">): MiddlewareHandler<AppEnv> {
  return async function notificationBadgeMiddleware(c, next) {
    const userId = c.get("principal")?.userId;
    if (userId && wantsPage(c)) c.set("notificationBadge", await unreadBadge(deps.db, userId));
    await next();
  };
}
