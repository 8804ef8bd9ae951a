import { AppError } from "../../domain/app_error.ts";
import { notificationFeed } from "../../services/live/notification_feed.ts";
import { countRequest } from "../middleware/limits.ts";
import type { AppDeps } from "../context.ts";
import { declare, router, SIGNED_IN } from "../declare.ts";
import { openStream, STREAM_RESPONSE, streamRequest } from "../sse.ts";

const notificationStream = declare({
  method: "get",
  path: "/api/me/notifications/stream",
  tags: ["Realtime"],
  summary: "My notifications as they arrive (SSE)",
  roles: SIGNED_IN,
  request: streamRequest,
  responses: { 200: STREAM_RESPONSE },
});

/** `GET /api/me/notifications/stream`: the signed-in user's notifications as they arrive. */
export function notificationStreamRoutes(deps: AppDeps) {
  return router().openapi(notificationStream, async (c) => {
    const userId = c.get("principal").userId;
    if (!userId) throw new AppError(401, "unauthenticated", { detail: "Sign in to do this." });
    await countRequest(c, deps, "stream");
    return openStream(c, deps, notificationFeed({ kv: deps.kv, sql: deps.db.sql }, userId));
  });
}
