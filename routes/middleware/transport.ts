import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";

/** Options for transport. */
export interface TransportOptions {
  /** Believe X-Forwarded-Proto and X-Forwarded-For: only behind a proxy that sets them. */
  trustProxy: boolean;
  /** The Strict-Transport-Security value (default two years, subdomains included). */
  hsts?: string;
}

const HSTS = "max-age=63072000; includeSubDomains";
const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

/** The value the nearest proxy added to a comma-separated forwarding header. */
function nearest(header: string | undefined): string | undefined {
  return header?.split(",").at(-1)?.trim() || undefined;
}

/** True when the request reached us over TLS, or a trusted proxy says the client used it. */
export function cameOverTls(c: Context<AppEnv>, trustProxy: boolean): boolean {
  // The request URL is absolute and normalized: no need to parse it on every request.
  if (c.req.url.startsWith("https:")) return true;
  return trustProxy && nearest(c.req.header("x-forwarded-proto"))?.toLowerCase() === "https";
}

/**
 * How the request arrived: behind a trusted proxy the client's address is the one the proxy
 * saw (for rate limits and stream caps), and HSTS is sent only on answers to requests that
 * came over TLS; over plain HTTP a browser would ignore it, and local development stays
 * reachable over http://.
 */
export function transport(options: TransportOptions): MiddlewareHandler<AppEnv> {
  return async function transportMiddleware(c, next) {
    if (options.trustProxy) {
      const address = nearest(c.req.header("x-forwarded-for"));
      if (address && ADDRESS.test(address)) c.set("clientAddress", address);
    }
    await next();
    if (cameOverTls(c, options.trustProxy)) {
      c.header("Strict-Transport-Security", options.hsts ?? HSTS);
    }
  };
}
