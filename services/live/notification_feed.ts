/** A user's notifications as they arrive, as an SSE stream plan. */
import { getNotificationHead } from "../../db/notifications_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { frame, notificationTopic, readNotifications } from "../../realtime/topics.ts";
import type { StreamPlan } from "../../realtime/stream_plan.ts";

/** The feed of `userId`'s notifications: from now, or after the client's last event. */
export function notificationFeed(
  deps: { kv: Deno.Kv; sql: Sql },
  userId: string,
): StreamPlan<ReturnType<typeof notificationTopic>> {
  return {
    topic: `notifications:${userId}`,
    source: () => notificationTopic(deps.kv, deps.sql, userId),
    start: async (sub, last) => {
      if (last === undefined) {
        // A fresh client starts from now; its list of older ones comes from the list API.
        const seq = await getNotificationHead(deps.kv, userId);
        return [frame("ready", seq, { lastSeq: seq }, seq)];
      }
      // Postgres keeps every notification, so a resume never ages out.
      sub.sent = last;
      return await readNotifications(deps.sql, userId, last);
    },
    // Fell behind: nothing is lost, it just catches up from Postgres after what it has.
    resync: async (sub, had) => {
      sub.sent = had;
      return await readNotifications(deps.sql, userId, Math.max(0, had));
    },
  };
}
