import { z } from "zod";
import { mailboxMessage, mailboxPage } from "../../services/notifications/mailbox.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonResponse, router, STAFF } from "../declare.ts";
import { MailboxEntry, MailboxMessage, pageOf } from "../admin_responses.ts";
import { ListQuery } from "../../services/bookings/booking_input.ts";

/** `:id` of a dev mailbox message. */
export const MailboxIdParam = z.object({ id: z.uuid({ message: "expected a message id" }) });

const ops = { tags: ["Operations"], roles: STAFF };

const list = declare({
  ...ops,
  method: "get",
  path: "/api/admin/mailbox",
  summary: "Dev mailbox: email kept instead of sent (no RESEND_API_KEY)",
  request: { query: ListQuery },
  responses: { 200: jsonResponse("A page of messages, newest first", pageOf(MailboxEntry)) },
});

const read = declare({
  ...ops,
  method: "get",
  path: "/api/admin/mailbox/{id}",
  summary: "One dev mailbox message with bodies and attachments",
  request: { params: MailboxIdParam },
  responses: { 200: jsonResponse("The message", MailboxMessage) },
});

/**
 * `/api/admin/mailbox`: the email Contrail would have sent, when no RESEND_API_KEY is set
 * (development, demos). Staff only: it holds every user's mail.
 */
export function adminMailboxRoutes(deps: AppDeps) {
  return router()
    .openapi(list, async (c) => {
      const page = await mailboxPage(deps.db.sql, c.req.valid("query"));
      c.header("Cache-Control", "no-store");
      return c.json(page);
    })
    .openapi(read, async (c) => {
      const message = await mailboxMessage(deps.db.sql, c.req.valid("param").id);
      c.header("Cache-Control", "no-store");
      return c.json(message);
    });
}
