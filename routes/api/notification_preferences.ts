import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../domain/app_error.ts";
import {
  type ChannelChoice,
  DEFAULT_CHOICE,
  isOperational,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from "../../domain/notification_kinds.ts";
import { getPreferences, savePreferences } from "../../db/preferences_repo.ts";
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

function view(stored: Partial<Record<NotificationKind, ChannelChoice>>) {
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => {
    const locked = isOperational(kind);
    const choice = locked ? DEFAULT_CHOICE : stored[kind] ?? DEFAULT_CHOICE;
    return [kind, { inApp: true, ...choice, locked }];
  }));
}

/** `/api/me/notification-preferences`: email and push on or off per kind. */
export function preferenceRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>()
    .get("/notification-preferences", async (c) => {
      const stored = await getPreferences(sql, c.get("principal").userId!);
      return c.json({ preferences: view(stored) });
    })
    .put("/notification-preferences", validate("json", PreferencesBody), async (c) => {
      const userId = c.get("principal").userId!;
      const wanted = c.req.valid("json").preferences;
      // Operational notices about one's own flights always go out: refuse, change nothing.
      const refused = Object.entries(wanted).flatMap(([kind, c]) =>
        isOperational(kind as NotificationKind)
          ? Object.entries(c ?? {}).filter(([, on]) => on === false).map(([channel]) => ({
            path: `preferences.${kind}.${channel}`,
            message: "operational notices about your flights cannot be turned off",
          }))
          : []
      );
      if (refused.length) {
        throw new AppError(422, "preference_locked", {
          detail: "Delay, gate change, cancellation and rebooking notices cannot be turned off.",
          errors: refused,
        });
      }
      const stored = await getPreferences(sql, userId);
      const changes: Partial<Record<NotificationKind, ChannelChoice>> = {};
      for (const [kind, choice] of Object.entries(wanted) as [NotificationKind, ChannelChoice][]) {
        if (isOperational(kind)) continue;
        changes[kind] = { ...(stored[kind] ?? DEFAULT_CHOICE), ...choice };
      }
      await savePreferences(sql, userId, changes, deps.clock.now());
      return c.json({ preferences: view({ ...stored, ...changes }) });
    });
}
