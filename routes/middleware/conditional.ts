import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context.ts";

// Headers that describe a body: a 304 has none.
const BODY_HEADERS = ["content-type", "content-length", "content-encoding"];

/**
 * True when a Cache-Control lets a browser keep the answer and come back with its ETag
 * (`no-cache`, `max-age`), and not when it forbids keeping it (`no-store`). Never an event
 * stream (`no-cache` too): it has no end to hash.
 */
function revalidatable(headers: Headers): boolean {
  const cacheControl = headers.get("cache-control");
  return cacheControl !== null && !/(?:^|,)\s*no-store\b/i.test(cacheControl) &&
    /(?:^|,)\s*(?:no-cache|max-age)\b/i.test(cacheControl) &&
    !/^\s*text\/event-stream/i.test(headers.get("content-type") ?? "");
}

/** A strong ETag: 128 bits of the SHA-256 of the body, base64url. */
export async function bodyETag(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  const text = btoa(String.fromCharCode(...digest.subarray(0, 16)));
  return `"${text.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}"`;
}

/**
 * The tag of `ifNoneMatch` that matches `etag` by weak comparison (RFC 9110 §13.1.2: `W/"x"`
 * and `"x"` match), as the client wrote it; "*" matches anything.
 */
export function matchingTag(ifNoneMatch: string | undefined, etag: string): string | undefined {
  if (!ifNoneMatch) return undefined;
  if (ifNoneMatch.trim() === "*") return etag;
  const opaque = etag.replace(/^W\//, "");
  return ifNoneMatch.match(/(?:W\/)?"[^"]*"/g)?.find((tag) => tag.replace(/^W\//, "") === opaque);
}

/**
 * ETags and `304 Not Modified` for GETs: an answer that already has an ETag (a static file),
 * or one whose Cache-Control lets browsers keep it and revalidate (a public page, the airport
 * list), gets one made from its body; a request whose If-None-Match holds it gets a 304
 * without the body, keeping the headers a 200 would send (Cache-Control, Vary, Set-Cookie).
 * Answers about one person say `no-store` and are left alone. Mounted inside `compress`, so
 * the tag is the identity body's and compress weakens it when it encodes.
 */
export function conditional(): MiddlewareHandler<AppEnv> {
  return async function conditionalMiddleware(c, next) {
    await next();
    if ((c.req.method !== "GET" && c.req.method !== "HEAD") || c.res.status !== 200) return;
    let etag = c.res.headers.get("etag");
    if (!etag) {
      if (!revalidatable(c.res.headers) || !c.res.body) return;
      const bytes = new Uint8Array(await c.res.arrayBuffer());
      etag = await bodyETag(bytes);
      c.res = new Response(bytes, c.res);
      c.res.headers.set("ETag", etag);
    }
    const tag = matchingTag(c.req.header("if-none-match"), etag);
    if (!tag) return;
    await c.res.body?.cancel();
    // Hono carries the 200's headers over to the 304; those about the body go.
    c.res = new Response(null, { status: 304 });
    for (const name of BODY_HEADERS) c.res.headers.delete(name);
    // The tag the client holds: weak if it got the body encoded.
    c.res.headers.set("ETag", tag);
  };
}
