import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../../domain/app_error.ts";
import { getMailboxMessage, listMailbox } from "../../db/email_outbox_repo.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { ListQuery } from "./bookings.ts";

/** `:id` of a dev mailbox message. */
export const MailboxIdParam = z.object({ id: z.uuid({ message: "expected a message id" }) });

/**
 * `/api/admin/mailbox`: the email Contrail would have sent, when no RESEND_API_KEY is set
 * (development, demos). Staff only: it holds every user's mail.
 */
export function adminMailboxRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get("/mailbox", validate("query", ListQuery), async (c) => {
      const { limit, page } = c.req.valid("query");
      const { data, total } = await listMailbox(deps.db.sql, {
        limit,
        offset: (page - 1) * limit,
      });
      c.header("Cache-Control", "no-store");
      return c.json({ data, page, limit, total });
    })
    .get("/mailbox/:id", validate("param", MailboxIdParam), async (c) => {
      const message = await getMailboxMessage(deps.db.sql, c.req.valid("param").id);
      if (!message) throw notFound("Message");
      c.header("Cache-Control", "no-store");
      return c.json(message);
    });
}
