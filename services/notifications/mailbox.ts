/** The dev mailbox: email kept instead of sent when no RESEND_API_KEY is set. */
import { notFound } from "../../domain/app_error.ts";
import { getMailboxMessage, listMailbox } from "../../db/email_outbox_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** A page of kept messages, newest first, without their bodies. */
export async function mailboxPage(sql: Sql, page: { limit: number; page: number }) {
  const { data, total } = await listMailbox(sql, {
    limit: page.limit,
    offset: (page.page - 1) * page.limit,
  });
  return { data, page: page.page, limit: page.limit, total };
}

/** One kept message with bodies and attachments; 404 for no such message. */
export async function mailboxMessage(sql: Sql, id: string) {
  const message = await getMailboxMessage(sql, id);
  if (!message) throw notFound("Message");
  return message;
}
