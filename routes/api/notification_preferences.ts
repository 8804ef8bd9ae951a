import { z } from "zod";
import { NOTIFICATION_KINDS } from "../../domain/notification_kinds.ts";
import {
  changePreferences,
  readPreferences,
} from "../../services/notifications/notification_preferences.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, SIGNED_IN } from "../declare.ts";
import { NotificationPreferences } from "../responses.ts";

/**
 * Body of `PUT /api/me/notification-preferences`: per kind, the channels to change
 * (`email`, `push`); kinds and channels left out keep their setting. In-app is always on.
 */
export const PreferencesBody = z.object({
  preferences: z.partialRecord(
    z.enum(NOTIFICATION_KINDS),
    z.object({ email: z.boolean().optional(), push: z.boolean().optional() }).strict(),
  ),
}).strict();

const mine = {
  tags: ["Notifications"],
  roles: SIGNED_IN,
  path: "/api/me/notification-preferences",
};

const read = declare({
  ...mine,
  method: "get",
  summary: "Email and push per notification kind",
  responses: { 200: jsonResponse("Email and push per kind", NotificationPreferences) },
});

const change = declare({
  ...mine,
  method: "put",
  summary: "Change email and push per kind (operational kinds: 422 if turned off)",
  request: { body: jsonBody(PreferencesBody) },
  responses: { 200: jsonResponse("Email and push per kind, as saved", NotificationPreferences) },
});

/** `/api/me/notification-preferences`: email and push on or off per kind. */
export function preferenceRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return router()
    .openapi(read, async (c) => {
      return c.json({ preferences: await readPreferences(sql, c.get("principal").userId!) });
    })
    .openapi(change, async (c) => {
      const preferences = await changePreferences(
        sql,
        c.get("principal").userId!,
        c.req.valid("json").preferences,
        deps.clock.now(),
      );
      return c.json({ preferences });
    });
}
