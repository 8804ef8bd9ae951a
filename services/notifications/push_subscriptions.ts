import { AppError } from "../../domain/app_error.ts";
import { acceptableEndpoint } from "../../adapters/web_push.ts";
import type { Sql } from "../../db/postgres.ts";
import {
  deletePushSubscriptions,
  prunePushSubscriptions,
  savePushSubscription,
} from "../../db/push_subscriptions_repo.ts";
import type { Actor } from "../actor.ts";

/** Keeps the newest few per user: more are stale browsers, and each costs a request. */
const MAX_SUBSCRIPTIONS = 10;

/** What managing push subscriptions needs. */
export interface PushSubscriptionDeps {
  sql: Sql;
  /** Loopback push services are allowed outside production (tests, local push servers). */
  loopbackOk: boolean;
}

/** A browser's `PushSubscription.toJSON()`, and its User-Agent. */
export interface SubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  userAgent?: string;
}

async function validP256dh(key: string): Promise<boolean> {
  const raw = Uint8Array.from(
    atob(key.replace(/-/g, "+").replace(/_/g, "/")),
    (c) => c.charCodeAt(0),
  );
  try {
    // Importing checks the point is on the curve: a bad key would only fail at send time.
    await crypto.subtle.importKey("raw", raw, { name: "ECDH", namedCurve: "P-256" }, false, []);
    return true;
  } catch {
    return false;
  }
}

/** Registers a browser for the actor's Web Push (422 when it cannot be used); `created` if new. */
export async function subscribePush(
  deps: PushSubscriptionDeps,
  actor: Actor,
  input: SubscriptionInput,
): Promise<{ id: string; created: boolean }> {
  const problems = [
    ...(acceptableEndpoint(input.endpoint, deps.loopbackOk) ? [] : [{
      path: "endpoint",
      message: "expected an https URL of a public push service",
    }]),
    ...(await validP256dh(input.keys.p256dh)
      ? []
      : [{ path: "keys.p256dh", message: "not a P-256 public key" }]),
  ];
  if (problems.length) {
    throw new AppError(422, "invalid_subscription", {
      detail: "This push subscription cannot be used.",
      errors: problems,
    });
  }
  const saved = await savePushSubscription(deps.sql, actor.userId!, input);
  await prunePushSubscriptions(deps.sql, actor.userId!, MAX_SUBSCRIPTIONS);
  return saved;
}

/** Unregisters one of the actor's browsers by endpoint, or all of them; returns how many. */
export async function unsubscribePush(
  deps: Pick<PushSubscriptionDeps, "sql">,
  actor: Actor,
  endpoint?: string,
): Promise<number> {
  return await deletePushSubscriptions(deps.sql, actor.userId!, endpoint);
}
