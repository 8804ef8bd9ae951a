/** The dev mailbox: email Contrail would have sent while no email provider is set up. */
import { isUuid } from "../../domain/ids.ts";
import { getMailboxMessage, listMailbox, type MailboxMessage } from "../../db/email_outbox_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** A message as the mailbox lists it (no body; attachments by file name). */
export type MailboxLine = Awaited<ReturnType<typeof listMailbox>>["data"][number];

export type { MailboxMessage };

/** One page of the mailbox, newest first, and how many pages there are. */
export async function mailboxPage(
  sql: Sql,
  page: number,
  perPage: number,
): Promise<{ messages: MailboxLine[]; pages: number }> {
  const { data, total } = await listMailbox(sql, { limit: perPage, offset: (page - 1) * perPage });
  return { messages: data, pages: Math.max(1, Math.ceil(total / perPage)) };
}

/** One message of the mailbox, or undefined when there is no such message. */
export async function mailboxMessage(sql: Sql, id: string): Promise<MailboxMessage | undefined> {
  return isUuid(id) ? await getMailboxMessage(sql, id) : undefined;
}
