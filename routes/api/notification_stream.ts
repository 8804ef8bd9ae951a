import { Hono } from "hono";
import { AppError } from "../../domain/app_error.ts";
import { getNotificationHead } from "../../db/notifications_repo.ts";
import { frame, notificationTopic, readNotifications } from "../../realtime/topics.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { openStream, StreamQuery } from "../sse.ts";
import { validate } from "../problem.ts";

/** `GET /api/me/notifications/stream`: the signed-in user's notifications as they arrive. */
export function notificationStreamRoutes(deps: AppDeps) {
  const head = (userId: string) => getNotificationHead(deps.kv, userId);

  return new Hono<AppEnv>().get("/notifications/stream", validate("query", StreamQuery), (c) => {
    const userId = c.get("principal").userId;
    if (!userId) throw new AppError(401, "unauthenticated", { detail: "Sign in to do this." });
    return openStream(c, deps, {
      topic: `notifications:${userId}`,
      source: () => notificationTopic(deps.kv, deps.db.sql, userId),
      start: async (sub, last) => {
        if (last === undefined) {
          // A fresh client starts from now; its list of older ones comes from the list API.
          const seq = await head(userId);
          return [frame("ready", seq, { lastSeq: seq }, seq)];
        }
        // Postgres keeps every notification, so a resume never ages out.
        sub.sent = last;
        return await readNotifications(deps.db.sql, userId, last);
      },
      // Fell behind: nothing is lost, it just catches up from Postgres after what it has.
      resync: async (sub, had) => {
        sub.sent = had;
        return await readNotifications(deps.db.sql, userId, Math.max(0, had));
      },
    });
  });
}
