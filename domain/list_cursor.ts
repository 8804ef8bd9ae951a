/**
 * Keyset cursors of the flights list: where a page ended (or began), as the sort key, the
 * departure instant and the flight id, so the next page seeks there instead of skipping rows.
 * Opaque to clients (base64url of JSON); decoding checks every part.
 */
import { isUuid } from "./ids.ts";

/** The last (or first) row of a page in the list's order. */
export interface ListCursor {
  /** The sort's own key: load factor, flight number, or the departure instant again. */
  key: number | string;
  /** Departure instant, ISO. */
  at: string;
  id: string;
}

/** The cursor as a URL-safe string. */
export function encodeCursor(c: ListCursor): string {
  return btoa(JSON.stringify([c.key, c.at, c.id])).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** The cursor in `text`, or undefined when it is not one this list made. */
export function decodeCursor(text: string): ListCursor | undefined {
  if (text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(atob(text.replaceAll("-", "+").replaceAll("_", "/")));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== 3) return undefined;
  const [key, at, id] = parts;
  const keyOk = (typeof key === "number" && Number.isFinite(key)) ||
    (typeof key === "string" && (ISO.test(key) || /^[0-9]{1,4}[A-Z]?$/.test(key)));
  if (!keyOk || typeof at !== "string" || !ISO.test(at) || typeof id !== "string" || !isUuid(id)) {
    return undefined;
  }
  return { key, at, id };
}
