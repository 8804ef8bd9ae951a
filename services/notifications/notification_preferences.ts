/**
 * Reading and changing a user's notification preferences: one rule for the JSON API and the
 * preferences page, so both refuse the same changes and store the same merge.
 */
import { AppError } from "../../domain/app_error.ts";
import {
  type ChannelChoice,
  DEFAULT_CHOICE,
  isOperational,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from "../../domain/notification_kinds.ts";
import { getPreferences, savePreferences } from "../../db/preferences_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** One kind's effective setting as clients see it; `locked` kinds cannot be turned off. */
export interface PreferenceView extends ChannelChoice {
  inApp: true;
  locked: boolean;
}

/** Every kind's effective setting, in NOTIFICATION_KINDS order. */
export type PreferencesView = Record<NotificationKind, PreferenceView>;

/** A requested change: per kind, the channels to set; what is left out keeps its setting. */
export type PreferenceChanges = Partial<Record<NotificationKind, Partial<ChannelChoice>>>;

function view(stored: Partial<Record<NotificationKind, ChannelChoice>>): PreferencesView {
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => {
    const locked = isOperational(kind);
    const choice = locked ? DEFAULT_CHOICE : stored[kind] ?? DEFAULT_CHOICE;
    return [kind, { inApp: true, ...choice, locked }];
  })) as PreferencesView;
}

/** A user's effective preferences for every kind. */
export async function readPreferences(sql: Sql, userId: string): Promise<PreferencesView> {
  return view(await getPreferences(sql, userId));
}

/**
 * Merges `wanted` into the stored preferences and saves them. Turning a channel of an
 * operational kind off is refused with `422 preference_locked` and nothing is saved.
 */
export async function changePreferences(
  sql: Sql,
  userId: string,
  wanted: PreferenceChanges,
  now: Date,
): Promise<PreferencesView> {
  // Operational notices about one's own flights always go out: refuse, change nothing.
  const refused = Object.entries(wanted).flatMap(([kind, choice]) =>
    isOperational(kind as NotificationKind)
      ? Object.entries(choice ?? {}).filter(([, on]) => on === false).map(([channel]) => ({
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
  await savePreferences(sql, userId, changes, now);
  return view({ ...stored, ...changes });
}
