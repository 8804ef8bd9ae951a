import type { Clock } from "../domain/clock.ts";
import type { Sql } from "../db/postgres.ts";
import {
  claimDueEmails,
  type ClaimedEmail,
  markEmailFailed,
  markEmailSent,
  markEmailSkipped,
} from "../db/email_outbox_repo.ts";
import type { EmailTransport } from "../adapters/email.ts";
import {
  type EmailPayload,
  forLiveBookings,
  renderEmail,
} from "../notifications/email_templates.ts";
import type { Logger } from "../platform/log.ts";

/** What the outbox sender needs. */
export interface EmailSenderDeps {
  sql: Sql;
  transport: EmailTransport;
  clock: Clock;
  log: Logger;
  /** The From header, e.g. `Contrail <no-reply@contrail.dev>`. */
  from: string;
}

/** After this many attempts an email is marked failed for good. */
export const MAX_EMAIL_ATTEMPTS = 8;

/** Wait before attempt n+1: 30 s, 1 min, 2 min, ... capped at 1 h. */
export function emailBackoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);
}

/** What one pass over the outbox did. */
export interface SendReport {
  sent: number;
  skipped: number;
  retrying: number;
  failed: number;
}

/**
 * What a claimed row sends, checked now: an alert about a booking that left its required
 * states is skipped; a message about several bookings loses the lines of those that left them,
 * and is skipped when none is left.
 */
function stillTrue(row: ClaimedEmail): { payload: EmailPayload } | { skip: string } {
  const payload = row.payload as unknown as EmailPayload;
  if (payload.group) {
    const live = forLiveBookings(payload, new Set(row.liveBookingIds ?? []));
    return live ? { payload: live } : { skip: "no booking it names is live" };
  }
  if (row.requiresStatus && !row.requiresStatus.includes(row.bookingStatus ?? "")) {
    return { skip: `booking is ${row.bookingStatus ?? "gone"}` };
  }
  return { payload };
}

/**
 * Claims due outbox rows and sends each once. At least once: a sender that dies after the
 * provider accepted but before marking sent leaves the row to be claimed again when its
 * lease ends, and the resend carries the same idempotency key, so nobody gets two copies.
 */
export async function sendDueEmails(
  deps: EmailSenderDeps,
  opts: { limit?: number; leaseMs?: number } = {},
): Promise<SendReport> {
  const report: SendReport = { sent: 0, skipped: 0, retrying: 0, failed: 0 };
  const claimed = await claimDueEmails(deps.sql, deps.clock.now(), {
    limit: opts.limit ?? 20,
    leaseMs: opts.leaseMs ?? 120_000,
  });
  for (const row of claimed) {
    const log = deps.log.child({ emailId: row.id, template: row.template });
    const checked = stillTrue(row);
    if ("skip" in checked) {
      await markEmailSkipped(deps.sql, row.id, checked.skip);
      report.skipped++;
      continue;
    }
    const rendered = renderEmail(row.template, checked.payload);
    const result = await deps.transport.send(
      { from: deps.from, to: row.recipient, ...rendered, attachments: row.attachments },
      { idempotencyKey: row.dedupeKey, userId: row.userId ?? undefined },
    ).catch((err): { ok: false; retryable: true; error: string } => ({
      ok: false,
      retryable: true,
      error: err instanceof Error ? err.message : String(err),
    }));
    if (result.ok) {
      await markEmailSent(deps.sql, row.id, {
        provider: deps.transport.name,
        providerId: result.id,
        at: deps.clock.now(),
      });
      report.sent++;
      continue;
    }
    const retry = result.retryable && row.attempts < MAX_EMAIL_ATTEMPTS;
    await markEmailFailed(deps.sql, row.id, {
      error: result.error,
      retryAt: retry
        ? new Date(deps.clock.now().getTime() + emailBackoffMs(row.attempts))
        : undefined,
    });
    // Never the body or the recipient: only what went wrong.
    log.warn(retry ? "email send failed; will retry" : "email send failed for good", {
      attempts: row.attempts,
      error: result.error,
    });
    if (retry) report.retrying++;
    else report.failed++;
  }
  return report;
}

/** A running outbox sender. */
export interface EmailSender {
  /** Runs a pass soon (after a producer queued mail) instead of waiting for the timer. */
  kick(): void;
  /** Stops the timer and waits for the pass in progress. */
  stop(): Promise<void>;
}

/**
 * Sends due email every `intervalMs` (default 2 s), and back to back while passes come back
 * full, until stopped: a backlog drains at the provider's pace, one batch in memory.
 */
export function startEmailSender(deps: EmailSenderDeps, intervalMs = 2000): EmailSender {
  const limit = 20;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const drain = async () => {
    for (;;) {
      const r = await sendDueEmails(deps, { limit });
      if (stopped || r.sent + r.skipped + r.retrying + r.failed < limit) return;
    }
  };
  const pass = () => {
    if (stopped) return;
    running ??= drain()
      .catch((err) => deps.log.error("email outbox pass failed", { error: err }))
      .finally(() => running = undefined);
  };
  const timer = setInterval(pass, intervalMs);
  pass();
  return {
    kick: pass,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
