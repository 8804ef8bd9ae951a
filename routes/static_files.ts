/**
 * `/static/*`: the stylesheets, icons, service worker and built island bundles. Each file is
 * read once and kept with its ETag and its Brotli and gzip encodings, made once at the best
 * quality (a bundle is encoded once, not per request); a change on disk (a stylesheet edited
 * under `deno task dev`) is seen by its size and time. Bundles and chunks named after a hash
 * of their content are immutable for a year; every other file is revalidated by its ETag.
 */
import type { MiddlewareHandler } from "hono";
import { getMimeType } from "hono/utils/mime";
import type { AppEnv } from "./context.ts";
import {
  compressible,
  encodeBytes,
  type Encoding,
  negotiateEncoding,
  varyOnEncoding,
  weakETag,
} from "./middleware/compress.ts";
import { bodyETag } from "./middleware/conditional.ts";

/** Cache-Control of a file whose name changes with its content. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** Cache-Control of any other file: keep it, but ask (by ETag) before each use. */
export const REVALIDATE = "public, no-cache";

// Path segments of plain names, none starting with a dot: no `..`, no hidden files, no `%`.
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
// esbuild's chunks (`chunk-2WWN5P7P.js`) and the build's bundles (`SeatMap-K3LQ7T2A.js`).
const HASHED = /^build\/[A-Za-z0-9._]+-[A-Z0-9]{8}\.(?:js|css)$/;

interface StaticFile {
  size: number;
  mtime: number | undefined;
  bytes: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
  encoded: Partial<Record<Encoding, Uint8Array<ArrayBuffer>>>;
}

/** Options of staticFiles. */
export interface StaticFilesOptions {
  /** The directory served, ending in "/" (default "./static/"). */
  root?: string;
  /** The URL path it is served under (default "/static/"). */
  prefix?: string;
}

async function load(
  cache: Map<string, StaticFile>,
  path: string,
): Promise<StaticFile | undefined> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
    cache.delete(path);
    return undefined;
  }
  if (!info.isFile) return undefined;
  const mtime = info.mtime?.getTime();
  const known = cache.get(path);
  if (known && known.size === info.size && known.mtime === mtime) return known;
  const bytes = await Deno.readFile(path);
  const file: StaticFile = {
    size: info.size,
    mtime,
    bytes,
    type: getMimeType(path) ?? "application/octet-stream",
    etag: await bodyETag(bytes),
    encoded: {},
  };
  cache.set(path, file);
  return file;
}

/**
 * Serves the files under `root` at `prefix` (GET and HEAD), each with its ETag and
 * Cache-Control, encoded in the client's preferred coding when that makes it smaller. The
 * files kept in memory are the ones in the directory: what the project ships, a few hundred KB.
 */
export function staticFiles(options: StaticFilesOptions = {}): MiddlewareHandler<AppEnv> {
  const root = options.root ?? "./static/";
  const prefix = options.prefix ?? "/static/";
  const cache = new Map<string, StaticFile>();
  return async function staticFilesMiddleware(c, next) {
    const name = c.req.path.slice(prefix.length);
    if ((c.req.method !== "GET" && c.req.method !== "HEAD") || !SAFE_PATH.test(name)) {
      return next();
    }
    const file = await load(cache, root + name);
    if (!file) return next();
    const headers = new Headers({
      "Content-Type": file.type,
      "Cache-Control": HASHED.test(name) ? IMMUTABLE : REVALIDATE,
      ETag: file.etag,
    });
    let body = file.bytes;
    if (compressible(file.type)) {
      varyOnEncoding(headers);
      const encoding = negotiateEncoding(c.req.header("accept-encoding"));
      const encoded = encoding &&
        (file.encoded[encoding] ??= encodeBytes(file.bytes, encoding, { quality: 11 }));
      if (encoded && encoded.byteLength < file.bytes.byteLength) {
        body = encoded;
        headers.set("Content-Encoding", encoding);
        headers.set("ETag", weakETag(file.etag));
      }
    }
    return c.body(body, 200, Object.fromEntries(headers));
  };
}
