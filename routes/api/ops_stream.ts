import { opsFeed } from "../../services/live/ops_feed.ts";
import { countRequest } from "../middleware/limits.ts";
import type { AppDeps } from "../context.ts";
import { declare, router, STAFF } from "../declare.ts";
import { openStream, STREAM_RESPONSE, streamRequest } from "../sse.ts";

const opsStream = declare({
  method: "get",
  path: "/api/admin/ops/stream",
  tags: ["Realtime"],
  summary: "Status changes and booking counters (SSE)",
  roles: STAFF,
  request: streamRequest,
  responses: { 200: STREAM_RESPONSE },
});

/** `GET /api/admin/ops/stream`: every status change and live booking counters (staff). */
export function opsStreamRoutes(deps: AppDeps) {
  return router().openapi(opsStream, async (c) => {
    await countRequest(c, deps, "stream");
    return openStream(c, deps, opsFeed(deps.kv));
  });
}
