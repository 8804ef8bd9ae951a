import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { invalidInput } from "../../domain/app_error.ts";
import {
  NotificationIdParam,
  readAll,
  readInbox,
  readOne,
} from "../../services/notifications/inbox.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { declare, jsonResponse, router, SIGNED_IN } from "../declare.ts";
import { NotificationPage, ReadAllResult, ReadOneResult } from "../responses.ts";

/** Query of `GET /api/me/notifications`: a page of `limit`, older than seq `before`. */
export const NotificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.coerce.number().int().min(1).optional(),
});

/**
 * Body of `POST /api/me/notifications/read-all`, optional: `upTo` is the newest seq the
 * client has shown, so a notification that arrived meanwhile stays unread.
 */
export const ReadAllBody = z.object({ upTo: z.number().int().min(1).optional() }).strict();

/**
 * The body may be absent, and is read as JSON whatever its Content-Type (a bare `fetch`
 * sends text/plain); what is sent must still be valid. Hands the validator JSON.
 */
const optionalJsonBody: MiddlewareHandler<AppEnv> = async function optionalJsonBody(c, next) {
  // Read from the raw request: a text cached on c.req would answer the validator instead.
  const text = await c.req.raw.text();
  try {
    if (text.trim()) JSON.parse(text);
  } catch {
    throw invalidInput([{ path: "(root)", message: "malformed JSON" }]);
  }
  const headers = new Headers(c.req.raw.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  const body = text.trim() ? text : "{}";
  c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, body });
  await next();
};

const mine = { tags: ["Notifications"], roles: SIGNED_IN };

const list = declare({
  ...mine,
  method: "get",
  path: "/api/me/notifications",
  summary: "My notifications, newest first, with the unread count",
  request: { query: NotificationsQuery },
  responses: {
    200: jsonResponse("A page of notifications and the unread count", NotificationPage),
  },
});

const markAll = declare({
  ...mine,
  method: "post",
  path: "/api/me/notifications/read-all",
  summary: "Mark all my notifications read (optionally up to a seq)",
  middleware: [optionalJsonBody],
  request: {
    body: { required: false, content: { "application/json": { schema: ReadAllBody } } },
  },
  responses: {
    200: jsonResponse("How many were marked read, and how many stay unread", ReadAllResult),
  },
});

const markOne = declare({
  ...mine,
  method: "post",
  path: "/api/me/notifications/{id}/read",
  summary: "Mark one of my notifications read",
  request: { params: NotificationIdParam },
  responses: { 200: jsonResponse("The notification, read, and the unread count", ReadOneResult) },
});

/** `/api/me/notifications`: my in-app notifications, newest first, and reading them. */
export function notificationRoutes(deps: AppDeps) {
  const inbox = { sql: deps.db.sql, clock: deps.clock };
  return router()
    .openapi(list, async (c) => {
      const page = await readInbox(inbox, actorOf(c), c.req.valid("query"));
      c.header("Cache-Control", "no-store");
      return c.json(page);
    })
    .openapi(markAll, async (c) => {
      return c.json(await readAll(inbox, actorOf(c), c.req.valid("json").upTo));
    })
    .openapi(markOne, async (c) => {
      return c.json(await readOne(inbox, actorOf(c), c.req.valid("param").id));
    });
}
