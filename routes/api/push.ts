import { z } from "zod";
import { AppError } from "../../domain/app_error.ts";
import { subscribePush, unsubscribePush } from "../../services/notifications/push_subscriptions.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { ANYONE, declare, jsonBody, jsonResponse, router, SIGNED_IN } from "../declare.ts";
import { Deleted, PushSubscriptionId, VapidKey } from "../responses.ts";

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

const tags = ["Notifications"];

const vapidKey = declare({
  tags,
  method: "get",
  path: "/api/push/vapid-public-key",
  summary: "The VAPID public key for pushManager.subscribe",
  roles: ANYONE,
  responses: { 200: jsonResponse("The VAPID public key", VapidKey) },
});

const subscribe = declare({
  tags,
  method: "post",
  path: "/api/me/push-subscriptions",
  summary: "Register this browser for Web Push",
  roles: SIGNED_IN,
  request: { body: jsonBody(PushSubscriptionBody) },
  responses: {
    200: jsonResponse("Already registered", PushSubscriptionId),
    201: jsonResponse("Registered", PushSubscriptionId),
  },
});

const unsubscribe = declare({
  tags,
  method: "delete",
  path: "/api/me/push-subscriptions",
  summary: "Unregister one browser, or all",
  roles: SIGNED_IN,
  request: { body: jsonBody(PushUnsubscribeBody) },
  responses: { 200: jsonResponse("How many subscriptions were removed", Deleted) },
});

/** Web Push: the VAPID public key for `pushManager.subscribe`, and my subscriptions. */
export function pushRoutes(deps: AppDeps) {
  const push = { sql: deps.db.sql, loopbackOk: deps.config.env !== "production" };
  return router()
    .openapi(vapidKey, (c) => {
      const key = deps.notifier.vapid?.publicKey;
      if (!key) throw new AppError(404, "push_disabled", { detail: "Web Push is not set up." });
      c.header("Cache-Control", "public, max-age=3600");
      return c.json({ publicKey: key });
    })
    .openapi(subscribe, async (c) => {
      const saved = await subscribePush(push, actorOf(c), {
        ...c.req.valid("json"),
        userAgent: c.req.header("User-Agent")?.slice(0, 300),
      });
      return c.json({ id: saved.id }, saved.created ? 201 : 200);
    })
    .openapi(unsubscribe, async (c) => {
      const body = c.req.valid("json");
      const deleted = await unsubscribePush(
        push,
        actorOf(c),
        "endpoint" in body ? body.endpoint : undefined,
      );
      return c.json({ deleted });
    });
}
