import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../domain/app_error.ts";
import { deletePushSubscriptions, savePushSubscription } from "../../db/push_subscriptions_repo.ts";
import { acceptableEndpoint } from "../../adapters/web_push.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";

const base64url = (bytes: number) =>
  z.string().regex(
    new RegExp(`^[A-Za-z0-9_-]{${Math.ceil(bytes * 4 / 3)}}={0,2}$`),
    `expected ${bytes} bytes, base64url`,
  );

/** Body of `POST /api/me/push-subscriptions`: the browser's `PushSubscription.toJSON()`. */
export const PushSubscriptionBody = z.object({
  endpoint: z.url({ protocol: /^https?$/, message: "expected an http(s) URL" }).max(2048),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: base64url(65), auth: base64url(16) }),
});
/** Body of `DELETE /api/me/push-subscriptions`: one endpoint, or `all: true`. */
export const PushUnsubscribeBody = z.union([
  z.object({ endpoint: z.string().min(1).max(2048) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
], { message: "expected {endpoint} or {all: true}" });

/** Keeps the newest few per user: more are stale browsers, and each costs a request. */
const MAX_SUBSCRIPTIONS = 10;

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

/** Web Push: the VAPID public key for `pushManager.subscribe`, and my subscriptions. */
export function pushRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  const loopbackOk = deps.config.env !== "production";
  return new Hono<AppEnv>()
    .get("/push/vapid-public-key", (c) => {
      const key = deps.notifier.vapid?.publicKey;
      if (!key) throw new AppError(404, "push_disabled", { detail: "Web Push is not set up." });
      c.header("Cache-Control", "public, max-age=3600");
      return c.json({ publicKey: key });
    })
    .post("/me/push-subscriptions", validate("json", PushSubscriptionBody), async (c) => {
      const body = c.req.valid("json");
      const problems = [
        ...(acceptableEndpoint(body.endpoint, loopbackOk) ? [] : [{
          path: "endpoint",
          message: "expected an https URL of a public push service",
        }]),
        ...(await validP256dh(body.keys.p256dh)
          ? []
          : [{ path: "keys.p256dh", message: "not a P-256 public key" }]),
      ];
      if (problems.length) {
        throw new AppError(422, "invalid_subscription", {
          detail: "This push subscription cannot be used.",
          errors: problems,
        });
      }
      const userId = c.get("principal").userId!;
      const saved = await savePushSubscription(sql, userId, {
        ...body,
        userAgent: c.req.header("User-Agent")?.slice(0, 300),
      });
      await sql`
        DELETE FROM push_subscriptions WHERE user_id = ${userId} AND id NOT IN (
          SELECT id FROM push_subscriptions WHERE user_id = ${userId}
          ORDER BY created_at DESC, id LIMIT ${MAX_SUBSCRIPTIONS})`;
      return c.json({ id: saved.id }, saved.created ? 201 : 200);
    })
    .delete("/me/push-subscriptions", validate("json", PushUnsubscribeBody), async (c) => {
      const body = c.req.valid("json");
      const deleted = await deletePushSubscriptions(
        sql,
        c.get("principal").userId!,
        "endpoint" in body ? body.endpoint : undefined,
      );
      return c.json({ deleted });
    });
}
