/** One server-sent event as the wire format carries it. */
export interface SseMessage {
  event?: string;
  /** Every Contrail frame has one, so a client can resume with Last-Event-ID. */
  id?: string | number;
  data: string;
  /** Reconnection delay the client should use, in milliseconds. */
  retry?: number;
}

/** The text of one event: `event:`, one `data:` line per line of data, `id:`, blank line. */
export function formatSse(message: SseMessage): string {
  const lines: string[] = [];
  if (message.event !== undefined) lines.push(`event: ${singleLine(message.event)}`);
  for (const line of message.data.split(/\r\n|\r|\n/)) lines.push(`data: ${line}`);
  if (message.id !== undefined) lines.push(`id: ${singleLine(String(message.id))}`);
  if (message.retry !== undefined) lines.push(`retry: ${Math.max(0, Math.floor(message.retry))}`);
  return lines.join("\n") + "\n\n";
}

/** A comment line: ignored by EventSource, but it keeps proxies from closing an idle stream. */
export function formatComment(text: string): string {
  return `: ${singleLine(text)}\n\n`;
}

/** A frame with only the reconnection delay: dispatches no event, sets the client's retry. */
export function formatRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.floor(ms))}\n\n`;
}

const utf8 = new TextEncoder();

/** The bytes of one event, as a stream writes them. */
export function encodeSse(message: SseMessage): Uint8Array {
  return utf8.encode(formatSse(message));
}

/** The bytes of a comment frame (heartbeats). */
export function encodeComment(text: string): Uint8Array {
  return utf8.encode(formatComment(text));
}

/** The bytes of a retry-only frame. */
export function encodeRetry(ms: number): Uint8Array {
  return utf8.encode(formatRetry(ms));
}

// A newline inside a field would end it early and let data forge another field.
function singleLine(value: string): string {
  if (/[\r\n]/.test(value)) throw new RangeError("SSE fields must be single-line");
  return value;
}

/** The result of reading a client's Last-Event-ID. */
export type LastEventId =
  | { ok: true; seq: number | undefined }
  | { ok: false; detail: string };

/**
 * Reads Last-Event-ID (header first, then the `lastEventId` query parameter): absent or
 * empty means a fresh start; anything other than a non-negative integer is refused.
 */
export function parseLastEventId(header?: string | null, query?: string | null): LastEventId {
  const raw = (header ?? "").trim() || (query ?? "").trim();
  if (raw === "") return { ok: true, seq: undefined };
  if (!/^\d{1,15}$/.test(raw)) {
    return { ok: false, detail: "Last-Event-ID must be an event id this stream sent." };
  }
  return { ok: true, seq: Number(raw) };
}
