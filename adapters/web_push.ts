import webpush from "web-push";
import type { Clock } from "../domain/clock.ts";
import type { Sql } from "../db/postgres.ts";
import {
  deletePushSubscriptionById,
  listPushSubscriptions,
  type PushSubscriptionRecord,
} from "../db/push_subscriptions_repo.ts";
import type { Logger } from "../platform/log.ts";

/** The server's VAPID identity (RFC 8292): keys base64url, subject mailto: or https:. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** What sending push needs. */
export interface PushDeps {
  sql: Sql;
  log: Logger;
  clock: Clock;
  vapid: VapidKeys;
  /** Per push service request (default 5 s). */
  timeoutMs?: number;
}

/** What a service worker receives: small, since push payloads top out near 4 KB. */
export interface PushMessage {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
}

interface RequestDetails {
  endpoint: string;
  method: string;
  headers: Record<string, string | number>;
  body: Uint8Array<ArrayBuffer> | null;
}

// web-push has no bundled types; this is the one function used. It encrypts the payload
// (RFC 8291, aes128gcm) and signs the VAPID JWT; the request itself goes out through
// fetch, which honours a timeout and works the same on Deno Deploy.
const requestDetails = webpush.generateRequestDetails.bind(webpush) as (
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } },
  payload: string,
  options: { vapidDetails: VapidKeys; TTL: number; urgency: string },
) => RequestDetails;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;
const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.|\[f[cd]|\[fe80)/i;

/**
 * Whether a subscription endpoint is one Contrail will POST to: https to a public host,
 * or (outside production, for tests and local push stand-ins) http to a loopback address.
 */
export function acceptableEndpoint(endpoint: string, allowLoopback: boolean): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (LOOPBACK.test(url.hostname)) return allowLoopback;
  return url.protocol === "https:" && !PRIVATE.test(url.hostname) && url.hostname.includes(".");
}

async function deliver(deps: PushDeps, sub: PushSubscriptionRecord, payload: string) {
  const details = requestDetails(sub, payload, {
    vapidDetails: deps.vapid,
    TTL: 24 * 3600,
    urgency: "high",
  });
  const headers = Object.fromEntries(
    Object.entries(details.headers).map(([k, v]) => [k, String(v)]),
  );
  const res = await fetch(details.endpoint, {
    method: details.method,
    headers,
    body: details.body && new Uint8Array(details.body),
    redirect: "manual",
    signal: AbortSignal.timeout(deps.timeoutMs ?? 5000),
  });
  await res.body?.cancel();
  return res.status;
}

/** What a push to one user did. */
export interface PushReport {
  sent: number;
  removed: number;
  failed: number;
}

/**
 * Pushes a message to every subscription of a user. Subscriptions the push service calls
 * gone (404, 410) are deleted; other failures are logged and dropped, since push is a
 * courtesy on top of in-app and email.
 */
export async function pushToUser(
  deps: PushDeps,
  userId: string,
  message: PushMessage,
): Promise<PushReport> {
  const report: PushReport = { sent: 0, removed: 0, failed: 0 };
  const subs = await listPushSubscriptions(deps.sql, userId);
  const payload = JSON.stringify({ ...message, body: message.body.slice(0, 1000) });
  await Promise.all(subs.map(async (sub) => {
    const host = URL.parse(sub.endpoint)?.host;
    try {
      const status = await deliver(deps, sub, payload);
      if (status >= 200 && status < 300) {
        report.sent++;
      } else if (status === 404 || status === 410) {
        await deletePushSubscriptionById(deps.sql, sub.id);
        report.removed++;
      } else {
        report.failed++;
        deps.log.warn("push refused", { host, status });
      }
    } catch (err) {
      report.failed++;
      deps.log.warn("push failed", { host, error: err instanceof Error ? err.message : err });
    }
  }));
  return report;
}
