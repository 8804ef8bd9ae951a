import { Hono } from "hono";
import { z } from "zod";
import { NOTIFICATION_KINDS } from "../../domain/notification_kinds.ts";
import {
  changePreferences,
  readPreferences,
} from "../../services/notifications/notification_preferences.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";

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

/** `/api/me/notification-preferences`: email and push on or off per kind. */
export function preferenceRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>()
    .get("/notification-preferences", async (c) => {
      return c.json({ preferences: await readPreferences(sql, c.get("principal").userId!) });
    })
    .put("/notification-preferences", validate("json", PreferencesBody), async (c) => {
      const preferences = await changePreferences(
        sql,
        c.get("principal").userId!,
        c.req.valid("json").preferences,
        deps.clock.now(),
      );
      return c.json({ preferences });
    });
}
