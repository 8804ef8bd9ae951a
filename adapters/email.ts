import { Resend } from "resend";
import type { Sql } from "../db/postgres.ts";
import { deliverToMailbox, type OutgoingEmail } from "../db/email_outbox_repo.ts";

/** What a transport made of one send. */
export type SendResult =
  | { ok: true; id: string }
  | { ok: false; retryable: boolean; error: string };

/** Where email goes: Resend, or the dev mailbox in Postgres. */
export interface EmailTransport {
  readonly name: "resend" | "mailbox";
  /** Sends once per `idempotencyKey`: a retry with the same key never sends a second copy. */
  send(
    email: OutgoingEmail,
    opts: { idempotencyKey: string; userId?: string },
  ): Promise<SendResult>;
}

// Resend answers these when trying again later can work (rate limit, its own trouble, a
// request with the same key still in flight, a key being rotated); the rest are final.
const RETRYABLE = new Set([401, 403, 409, 429]);

/**
 * Sends through the `resend` client. The base URL is passed explicitly: left unset, the
 * client would read `RESEND_BASE_URL` itself (and its user agent from `RESEND_USER_AGENT`);
 * it always reads `RESEND_DEBUG`, so that variable is in the start task's allowlist too.
 */
export function resendTransport(opts: { apiKey: string; baseUrl?: string }): EmailTransport {
  const client = new Resend(opts.apiKey, {
    baseUrl: opts.baseUrl ?? "https://api.resend.com",
    userAgent: "contrail",
  });
  return {
    name: "resend",
    async send(email, { idempotencyKey }) {
      const { data, error } = await client.emails.send({
        from: email.from,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        attachments: email.attachments.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
        })),
      }, { idempotencyKey });
      if (data) return { ok: true, id: data.id };
      const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
      return {
        ok: false,
        retryable: status === null || status >= 500 || RETRYABLE.has(status),
        // Resend's error names and messages carry no message content.
        error: `resend ${status ?? "network"}: ${error?.name ?? "unknown"}`,
      };
    },
  };
}

/** Stores mail in the dev mailbox (`GET /api/admin/mailbox`) instead of sending it. */
export function mailboxTransport(sql: Sql): EmailTransport {
  return {
    name: "mailbox",
    async send(email, { idempotencyKey, userId }) {
      const id = await deliverToMailbox(sql, { ...email, dedupeKey: idempotencyKey, userId });
      return { ok: true, id };
    },
  };
}

/** Resend when an API key is configured, else the dev mailbox. */
export function emailTransport(
  config: { resendApiKey?: string; resendBaseUrl?: string },
  sql: Sql,
): EmailTransport {
  return config.resendApiKey
    ? resendTransport({ apiKey: config.resendApiKey, baseUrl: config.resendBaseUrl })
    : mailboxTransport(sql);
}
