/**
 * A streaming multipart/form-data reader (RFC 7578): finds one named part and hands its bytes
 * on as a stream while the body is still arriving, so an upload of any size is never held in
 * memory. Only the bytes that might be the start of a boundary are kept back.
 */

/** Why a multipart body could not be read. */
export type MultipartErrorKind =
  | "not_multipart"
  | "no_boundary"
  | "no_file"
  | "too_large"
  | "truncated"
  | "malformed";

/** A multipart body that cannot be read, with the reason as a stable kind. */
export class MultipartError extends Error {
  readonly kind: MultipartErrorKind;
  constructor(kind: MultipartErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MultipartError";
    this.kind = kind;
  }
}

/** The part that was asked for: its form name, filename and content as it arrives. */
export interface MultipartFile {
  name: string;
  filename?: string;
  contentType?: string;
  /** Closes only once the body's closing boundary was read; errors with a MultipartError. */
  body: ReadableStream<Uint8Array>;
}

/** Options for readMultipartFile. */
export interface MultipartOptions {
  /** The form field to return (other parts are skipped). */
  field: string;
  /** The most bytes the whole body may have (default: unlimited). */
  maxBytes?: number;
  /** The most bytes one part's header block may have (default 16 KiB). */
  maxHeaderBytes?: number;
}

const encoder = new TextEncoder();
const CRLF = encoder.encode("\r\n");
const DASH = 45;

/** The boundary of a multipart/form-data Content-Type, or a MultipartError. */
export function multipartBoundary(contentType: string | null | undefined): string {
  const [type, ...params] = (contentType ?? "").split(";");
  if (type.trim().toLowerCase() !== "multipart/form-data") {
    throw new MultipartError("not_multipart", "expected a multipart/form-data body");
  }
  for (const param of params) {
    const eq = param.indexOf("=");
    if (param.slice(0, eq).trim().toLowerCase() !== "boundary") continue;
    let value = param.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1);
    }
    if (/^[0-9A-Za-z'()+_,\-./:=? ]{1,70}$/.test(value) && !value.endsWith(" ")) return value;
    throw new MultipartError("no_boundary", "the multipart boundary is not valid");
  }
  throw new MultipartError("no_boundary", "the Content-Type has no multipart boundary");
}

/** Index of `needle` in `hay` at or after `from`, or -1. */
function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(first, from); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/** One parameter of a Content-Disposition header, unquoted. */
function dispositionParam(header: string, name: string): string | undefined {
  const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const m of header.matchAll(re)) {
    if (m[1].toLowerCase() === name) {
      return m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3].trim();
    }
  }
  return undefined;
}

/** Reads the body part by part; keeps back only what could be the start of a delimiter. */
class PartScanner {
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  // The body is read as if preceded by CRLF, so the first boundary is a delimiter like the rest.
  #buf: Uint8Array = CRLF;
  #pos = 0;
  #bytes = 0;
  #delim: Uint8Array;
  #max: number;
  #maxHeader: number;
  /** The delimiter after the current part was consumed along with its last piece. */
  #partDone = false;

  constructor(body: ReadableStream<Uint8Array>, boundary: string, options: MultipartOptions) {
    this.#reader = body.getReader();
    this.#delim = encoder.encode(`\r\n--${boundary}`);
    this.#max = options.maxBytes ?? Infinity;
    this.#maxHeader = options.maxHeaderBytes ?? 16 * 1024;
  }

  /** Reads more of the body; false at its end. */
  async #fill(): Promise<boolean> {
    let chunk;
    try {
      chunk = await this.#reader.read();
    } catch (err) {
      throw new MultipartError("truncated", "the upload broke off", { cause: err });
    }
    if (chunk.done) return false;
    this.#bytes += chunk.value.length;
    if (this.#bytes > this.#max) {
      this.cancel();
      throw new MultipartError("too_large", `the upload is over ${this.#max} bytes`);
    }
    const rest = this.#buf.subarray(this.#pos);
    const next = new Uint8Array(rest.length + chunk.value.length);
    next.set(rest);
    next.set(chunk.value, rest.length);
    this.#buf = next;
    this.#pos = 0;
    return true;
  }

  async #need(n: number): Promise<void> {
    while (this.#buf.length - this.#pos < n) {
      if (!await this.#fill()) throw new MultipartError("truncated", "the upload ended early");
    }
  }

  /**
   * The next piece of the current part's content, or null once the delimiter after it was
   * consumed. Before the first part this skips the preamble.
   */
  async nextPiece(): Promise<Uint8Array | null> {
    if (this.#partDone) {
      this.#partDone = false;
      return null;
    }
    for (;;) {
      const at = indexOf(this.#buf, this.#delim, this.#pos);
      if (at >= 0) {
        const piece = this.#buf.subarray(this.#pos, at);
        this.#pos = at + this.#delim.length;
        if (!piece.length) return null;
        this.#partDone = true;
        return piece;
      }
      const safe = this.#buf.length - this.#delim.length + 1;
      if (safe > this.#pos) {
        const piece = this.#buf.subarray(this.#pos, safe);
        this.#pos = safe;
        return piece;
      }
      if (!await this.#fill()) throw new MultipartError("truncated", "the upload ended early");
    }
  }

  /** Skips the rest of the current part, then its delimiter. */
  async skipPart(): Promise<void> {
    while (await this.nextPiece() !== null);
  }

  /** After a delimiter: the next part's headers, or null when it was the closing one. */
  async nextHeaders(): Promise<Map<string, string> | null> {
    await this.#need(2);
    if (this.#buf[this.#pos] === DASH && this.#buf[this.#pos + 1] === DASH) return null;
    // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
    for (;;) {
      await this.#need(1);
      const b = this.#buf[this.#pos];
      if (b !== 32 && b !== 9) break;
      this.#pos++;
    }
    const headers = new Map<string, string>();
    let size = 0;
    let first = true;
    for (;;) {
      let end = indexOf(this.#buf, CRLF, this.#pos);
      while (end < 0) {
        if (this.#buf.length - this.#pos > this.#maxHeader) {
          throw new MultipartError("malformed", "a part's headers are too long");
        }
        if (!await this.#fill()) throw new MultipartError("truncated", "the upload ended early");
        end = indexOf(this.#buf, CRLF, this.#pos);
      }
      const line = new TextDecoder().decode(this.#buf.subarray(this.#pos, end));
      this.#pos = end + 2;
      size += line.length + 2;
      if (size > this.#maxHeader) {
        throw new MultipartError("malformed", "a part's headers are too long");
      }
      if (first) {
        first = false;
        if (line !== "") throw new MultipartError("malformed", "text after a boundary");
        continue;
      }
      if (line === "") return headers;
      const colon = line.indexOf(":");
      if (colon <= 0) throw new MultipartError("malformed", "a part header has no name");
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }

  /** Skips every remaining part up to the closing delimiter; ignores the epilogue. */
  async finish(): Promise<void> {
    while (await this.nextHeaders() !== null) await this.skipPart();
    this.cancel();
  }

  cancel(): void {
    this.#reader.cancel().catch(() => {});
  }
}

/**
 * Reads a multipart/form-data body up to the part named `options.field` and returns it,
 * its content still streaming. Throws a MultipartError when the body is not multipart, has no
 * such part, is too large or ends early; the returned stream errors the same way.
 */
export async function readMultipartFile(
  body: ReadableStream<Uint8Array> | null,
  contentType: string | null | undefined,
  options: MultipartOptions,
): Promise<MultipartFile> {
  const boundary = multipartBoundary(contentType);
  if (!body) throw new MultipartError("no_file", `no "${options.field}" part`);
  const scanner = new PartScanner(body, boundary, options);
  try {
    await scanner.skipPart(); // the preamble
    for (;;) {
      const headers = await scanner.nextHeaders();
      if (!headers) throw new MultipartError("no_file", `no "${options.field}" part`);
      const disposition = headers.get("content-disposition") ?? "";
      const name = dispositionParam(disposition, "name");
      if (!/^form-data\b/i.test(disposition) || name !== options.field) {
        await scanner.skipPart();
        continue;
      }
      return {
        name,
        filename: dispositionParam(disposition, "filename"),
        contentType: headers.get("content-type"),
        body: partStream(scanner),
      };
    }
  } catch (err) {
    scanner.cancel();
    throw err;
  }
}

function partStream(scanner: PartScanner): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const piece = await scanner.nextPiece();
        if (piece) return controller.enqueue(piece);
        await scanner.finish();
        controller.close();
      } catch (err) {
        scanner.cancel();
        controller.error(err);
      }
    },
    cancel() {
      scanner.cancel();
    },
  }, { highWaterMark: 0 });
}
