import type { MiddlewareHandler } from "hono";
import type { Logger } from "../../platform/log.ts";
import type { AppEnv } from "../context.ts";

const CLIENT_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Options for requestContext. */
export interface RequestContextOptions {
  log: Logger;
}

/**
 * Gives every request an id (the caller's `X-Request-Id` when it looks sane), a logger that
 * carries it, and one access-log line when the response is ready.
 */
export function requestContext(options: RequestContextOptions): MiddlewareHandler<AppEnv> {
  return async function requestContextMiddleware(c, next) {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && CLIENT_ID.test(incoming) ? incoming : crypto.randomUUID();
    const log = options.log.child({ requestId });
    c.set("requestId", requestId);
    c.set("log", log);
    const started = performance.now();
    await next();
    c.header("X-Request-Id", requestId);
    log.info("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
