/**
 * Form posts whose multipart body is streamed to the handler (a CSV of any size), not parsed
 * whole by the page session. Their CSRF token travels as the form's FIRST field, so reading
 * up to the end of that one small part is enough to check it before the file arrives.
 */
import { multipartBoundary } from "../../adapters/multipart.ts";

/** Page paths whose multipart posts stream: no app-wide body limit, no buffering. */
const STREAMED_FORM_PATHS: ReadonlySet<string> = new Set(["/admin/flights/upload"]);

/** True for a multipart post to a streamed form path (checked under its handler's own limit). */
export function isStreamedForm(path: string, contentType: string | undefined): boolean {
  return STREAMED_FORM_PATHS.has(path) && /^multipart\/form-data/i.test(contentType ?? "");
}

/** The most bytes read to find the leading field (its headers and value). */
const MAX_LEADING_BYTES = 8 * 1024;

/** A leading text field's value (if the body starts with it) and the request to go on with. */
export interface LeadingField {
  value?: string;
  /** The same request with its body intact: the bytes read, then the rest as it arrives. */
  request: Request;
}

// Latin-1 keeps one character per byte, so string offsets are byte offsets.
const latin1 = new TextDecoder("latin1");

/** The value of field `name` when it is the first part of `text`; null: read more. */
function parseLeading(text: string, boundary: string, name: string): string | undefined | null {
  const open = `--${boundary}\r\n`;
  if (text.length < open.length) return null;
  if (!text.startsWith(open)) return undefined;
  const headersEnd = text.indexOf("\r\n\r\n", open.length);
  if (headersEnd < 0) return null;
  const disposition = text.slice(open.length, headersEnd).split("\r\n")
    .find((h) => /^content-disposition:/i.test(h));
  const named = disposition?.match(/;\s*name="([^"]*)"/i)?.[1];
  if (named !== name || /;\s*filename\*?=/i.test(disposition!)) return undefined;
  const valueEnd = text.indexOf(`\r\n--${boundary}`, headersEnd + 4);
  if (valueEnd < 0) return null;
  return new TextDecoder().decode(
    Uint8Array.from(text.slice(headersEnd + 4, valueEnd), (ch) => ch.charCodeAt(0)),
  );
}

/**
 * Reads a multipart request only as far as its first part and returns that part's value when
 * it is the text field `name`; the request handed back carries the whole body again, still
 * streaming. A body that does not start with the field yields no value (and is not read on).
 */
export async function readLeadingField(req: Request, name: string): Promise<LeadingField> {
  let boundary: string;
  try {
    boundary = multipartBoundary(req.headers.get("content-type"));
  } catch {
    return { request: req };
  }
  if (!req.body) return { request: req };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let text = "";
  let value: string | undefined | null = null;
  let ended = false;
  while (value === null && text.length <= MAX_LEADING_BYTES) {
    const { done, value: chunk } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    chunks.push(chunk);
    text += latin1.decode(chunk);
    value = parseLeading(text, boundary, name);
  }
  const pending = [...chunks];
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pending.length) {
        controller.enqueue(pending.shift()!);
        return;
      }
      if (ended) return controller.close();
      try {
        const next = await reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (err) {
        controller.error(err);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return {
    value: value ?? undefined,
    request: new Request(req, { body, duplex: "half" } as RequestInit),
  };
}
