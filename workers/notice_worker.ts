/**
 * The notice worker: turns the notice outbox into notifications in bounded batches, a few at
 * a time, outside every request. Claim a batch, produce each notice, delete the ones that
 * went out, back off the ones that failed, repeat while full batches keep coming; a backlog
 * of any size drains with one batch in memory.
 */
import type { Clock } from "../domain/clock.ts";
import {
  claimNotices,
  finishNotices,
  hasDueNotices,
  retryNotice,
} from "../db/notice_outbox_repo.ts";
import type { NotifierDeps } from "../notifications/notifier.ts";
import { produceNotice } from "../notifications/notices.ts";
import type { Logger } from "../platform/log.ts";
import { noticeCounters } from "../platform/app_metrics.ts";

/** What the notice worker needs. */
export interface NoticeWorkerDeps {
  notifier: NotifierDeps;
  clock: Clock;
  log: Logger;
}

/** Options for the worker's batches. */
export interface NoticeWorkerOptions {
  /** Notices claimed per batch (default 100). */
  batch?: number;
  /** Notices produced at once within a batch (default 8). */
  concurrency?: number;
  /** How long a claim lasts before another worker may take the notice (default 60 s). */
  leaseMs?: number;
  /** How often an idle worker looks for due notices (default 1 s). */
  intervalMs?: number;
}

/** After this many failed attempts a notice is parked (kept, never retried). */
export const MAX_NOTICE_ATTEMPTS = 10;

/** Wait before attempt n+1: 5 s, 10 s, 20 s, ... capped at 10 min. */
export function noticeBackoffMs(attempts: number): number {
  return Math.min(5000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

/** Runs `fn` over `items` with at most `limit` running at once. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/** One batch: claims due notices, produces them, and returns how many it claimed. */
export async function runNoticeBatch(
  deps: NoticeWorkerDeps,
  opts: NoticeWorkerOptions = {},
): Promise<number> {
  const { sql } = deps.notifier;
  const claimed = await claimNotices(sql, deps.clock.now(), {
    limit: opts.batch ?? 100,
    leaseMs: opts.leaseMs ?? 60_000,
  });
  const done: string[] = [];
  await eachLimited(claimed, opts.concurrency ?? 8, async (row) => {
    try {
      await produceNotice(deps.notifier, row);
      done.push(row.id);
      noticeCounters.labels(row.topic, "sent").inc();
    } catch (err) {
      const retry = row.attempts < MAX_NOTICE_ATTEMPTS;
      const retryAt = new Date(deps.clock.now().getTime() + noticeBackoffMs(row.attempts));
      await retryNotice(sql, row.id, {
        error: err instanceof Error ? err.message : String(err),
        retryAt: retry ? retryAt : undefined,
      });
      noticeCounters.labels(row.topic, retry ? "retrying" : "parked").inc();
      deps.log.warn(retry ? "notice failed; will retry" : "notice failed for good", {
        topic: row.topic,
        attempts: row.attempts,
        error: err,
      });
    }
  });
  await finishNotices(sql, done);
  return claimed.length;
}

/** A running notice worker. */
export interface NoticeWorker {
  /** Looks for due notices now (a producer just queued some) instead of on the timer. */
  kick(): void;
  /** Resolves once the outbox has no due notice (tests, and the storm benchmark). */
  idle(): Promise<void>;
  /** Stops looking and waits for the batch in progress. */
  stop(): Promise<void>;
}

/** Starts the worker: batches back to back while they come full, else every `intervalMs`. */
export function startNoticeWorker(
  deps: NoticeWorkerDeps,
  opts: NoticeWorkerOptions = {},
): NoticeWorker {
  const batch = opts.batch ?? 100;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const drain = async () => {
    do {
      again = false;
      while (!stopped && await runNoticeBatch(deps, opts) === batch);
    } while (again && !stopped);
  };
  const pass = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((err) => deps.log.error("notice batch failed", { error: err }))
      .finally(() => running = undefined);
  };
  const timer = setInterval(pass, opts.intervalMs ?? 1000);
  pass();
  return {
    kick: pass,
    async idle() {
      for (;;) {
        await running;
        if (!await hasDueNotices(deps.notifier.sql, deps.clock.now())) return;
        pass();
        await running;
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
