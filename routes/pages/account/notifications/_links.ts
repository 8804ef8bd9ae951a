/** What the notification pages share: the paging cursor and where a mark-read form goes back. */
import { z } from "zod";

/** A `before` cursor (a notification's seq); a page ignores a bad one rather than failing. */
export const seqParam = z.coerce.number().int().min(1).optional().catch(undefined);

/** What a mark-read form did, as the list's notice names it. */
export type Done = "read" | "all";

/** Where a mark-read form sends the browser back to: the page it was on. */
export function backTo(before: unknown, done: Done): string {
  const page = seqParam.parse(before);
  return `/account/notifications?${page ? `before=${page}&` : ""}done=${done}`;
}
