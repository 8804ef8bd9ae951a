import zlib from "node:zlib";
import type { MiddlewareHandler } from "hono";
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/utils/compress";
import type { AppEnv } from "../context.ts";

/** A content coding this server sends: Brotli, or gzip for clients without it. */
export type Encoding = "br" | "gzip";

type Bytes = Uint8Array<ArrayBuffer>;

/** Our codings in order of preference, when a client weighs them the same. */
const PREFERRED: readonly Encoding[] = ["br", "gzip"];

// RFC 9110 §12.4.2: a weight is 0 to 1 with up to three decimals.
const WEIGHT = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/**
 * The coding to send a client whose `Accept-Encoding` is `header` (q-values honoured, `*` for
 * any other coding, `x-gzip` as gzip); undefined to send the body as it is. A coding with a
 * weight that does not parse is taken as not acceptable: never send what a client may not read.
 */
export function negotiateEncoding(
  header: string | null | undefined,
  offered: readonly Encoding[] = PREFERRED,
): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(",")) {
    const [token, ...params] = part.split(";").map((s) => s.trim());
    const name = token.toLowerCase() === "x-gzip" ? "gzip" : token.toLowerCase();
    if (!name) continue;
    const q = params.find((p) => /^q\s*=/i.test(p))?.replace(/\s+/g, "");
    const weight = q === undefined ? 1 : WEIGHT.test(q) ? Number(q.slice(2)) : 0;
    weights.set(name, Math.max(weight, weights.get(name) ?? 0));
  }
  let best: Encoding | undefined;
  let bestWeight = 0;
  for (const coding of offered) {
    const weight = weights.get(coding) ?? weights.get("*") ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [coding, weight];
  }
  return best;
}

/** True for a Content-Type worth compressing: text, JSON, JS, CSS, SVG; never event streams. */
export function compressible(contentType: string | null): boolean {
  return contentType !== null && COMPRESSIBLE_CONTENT_TYPE_REGEX.test(contentType) &&
    !/^\s*text\/event-stream/i.test(contentType);
}

/** Options of `encodeBytes`. */
export interface EncodeOptions {
  /** Brotli quality, 0–11: about 5 for answers made per request, 11 for files encoded once. */
  quality: number;
}

/** `bytes` in `encoding`, in one go. */
export function encodeBytes(
  bytes: Uint8Array,
  encoding: Encoding,
  { quality }: EncodeOptions,
): Bytes {
  const encoded = encoding === "gzip"
    ? zlib.gzipSync(bytes, { level: quality >= 9 ? 9 : 6 })
    : zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    });
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength) as Bytes;
}

/** Adds Accept-Encoding to a response's Vary: caches keep each coding apart. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get("vary");
  if (vary === "*" || /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary ?? "")) return;
  headers.set("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
}

/** An ETag for an encoded body: the same content, not the same bytes, so a weak one. */
export function weakETag(etag: string): string {
  return etag.startsWith("W/") ? etag : `W/${etag}`;
}

/** Options of `compress`. */
export interface CompressOptions {
  /** Bodies smaller than this many bytes go as they are: encoding would not pay (default 1024). */
  threshold?: number;
  /** Brotli quality for bodies encoded per request (default 5: fast, close to the best size). */
  quality?: number;
  /** A body still streaming after this many bytes is encoded as it comes (default 1 MiB). */
  bufferLimit?: number;
}

/** Reads `body` until it ends or passes `limit` bytes: what it read, and whether that was all. */
async function readUpTo(body: ReadableStream<Bytes>, limit: number) {
  const reader = body.getReader();
  const chunks: Bytes[] = [];
  let size = 0;
  while (size <= limit) {
    const { value, done } = await reader.read();
    if (done) return { bytes: concat(chunks, size), reader: undefined };
    chunks.push(value);
    size += value.byteLength;
  }
  return { bytes: concat(chunks, size), reader };
}

function concat(chunks: Bytes[], size: number): Bytes {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** `head` followed by what `reader` still has, encoded as it arrives. */
function encodeStream(
  head: Bytes,
  reader: ReadableStreamDefaultReader<Bytes>,
  encoding: Encoding,
): ReadableStream<Uint8Array> {
  const rest = new ReadableStream<Bytes>({
    start: (controller) => controller.enqueue(head),
    pull: async (controller) => {
      const { value, done } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  // Deno's CompressionStream speaks Brotli as "brotli" (not yet in the DOM typings).
  const format = (encoding === "br" ? "brotli" : "gzip") as CompressionFormat;
  return rest.pipeThrough(new CompressionStream(format));
}

/**
 * Compresses answers (HTML, JSON, JS, CSS, SVG…) in the coding the client prefers: Brotli,
 * else gzip. Never event streams (each frame must reach the client when it is written), bodies
 * under `threshold`, answers already encoded (static files come encoded once from
 * routes/static_files.ts) or marked `no-transform`. The answer varies on Accept-Encoding, and
 * an ETag becomes weak once the bytes are encoded.
 */
export function compress(options: CompressOptions = {}): MiddlewareHandler<AppEnv> {
  const threshold = options.threshold ?? 1024;
  const quality = options.quality ?? 5;
  const bufferLimit = options.bufferLimit ?? 1024 * 1024;
  return async function compressMiddleware(c, next) {
    await next();
    const res = c.res;
    // A 304 stands for a body that varied on the coding too.
    if (res.status === 304) return varyOnEncoding(res.headers);
    if (!compressible(res.headers.get("content-type"))) return;
    varyOnEncoding(res.headers);
    if (
      !res.body || c.req.method === "HEAD" || res.status === 206 ||
      res.headers.has("content-encoding") ||
      /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get("cache-control") ?? "")
    ) return;
    const encoding = negotiateEncoding(c.req.header("accept-encoding"));
    if (!encoding) return;
    const { bytes, reader } = await readUpTo(res.body, bufferLimit);
    let body: BodyInit = bytes;
    if (reader) body = encodeStream(bytes, reader, encoding);
    else if (bytes.byteLength >= threshold) {
      body = encodeBytes(bytes, encoding, { quality });
    }
    // The body was read: the answer goes on with the bytes (encoded or not), same headers.
    c.res = new Response(body, res);
    c.res.headers.delete("content-length");
    if (body === bytes) return;
    c.res.headers.set("Content-Encoding", encoding);
    const etag = res.headers.get("etag");
    if (etag) c.res.headers.set("ETag", weakETag(etag));
  };
}
