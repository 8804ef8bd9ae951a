import { AppError } from "../../../domain/app_error.ts";
import { NOTIFICATION_KINDS, type NotificationKind } from "../../../domain/notification_kinds.ts";
import {
  changePreferences,
  type PreferenceChanges,
  type PreferencesView,
  readPreferences,
} from "../../../services/notifications/notification_preferences.ts";
import { AccountLayout } from "../../../components/AccountLayout.tsx";
import { CsrfField } from "../../../components/Layout.tsx";
import PushToggle from "../../../islands/PushToggle.tsx";
import { NOTIFICATION_LABELS } from "../../../components/notification_labels.ts";
import { definePage, SIGNED_IN } from "../../define_page.ts";
import { renderPage } from "../../render.tsx";

const CHANNELS = [["email", "Email"], ["push", "Push"]] as const;

function Toggle(
  { kind, channel, label, on, locked }: {
    kind: NotificationKind;
    channel: "email" | "push";
    label: string;
    on: boolean;
    locked: boolean;
  },
) {
  return (
    <td>
      <label class="acct-check">
        <input
          type="checkbox"
          name={channel}
          value={kind}
          checked={on}
          disabled={locked}
          aria-describedby={locked ? "locked-note" : undefined}
        />
        <span class="visually-hidden">{`${label} for ${NOTIFICATION_LABELS[kind]}`}</span>
      </label>
      {/* A disabled box is not submitted: post its fixed value so the form says "on". */}
      {locked && <input type="hidden" name={channel} value={kind} />}
    </td>
  );
}

function PreferencesPage(
  { prefs, push, saved, error }: {
    prefs: PreferencesView;
    /** Web Push is set up on this server. */
    push: boolean;
    saved?: boolean;
    error?: string;
  },
) {
  return (
    <AccountLayout title="Notification preferences">
      <h1>Notification preferences</h1>
      <p>
        You always see notifications here on the site. Choose which ones also come by email and as
        push notifications in your browser.
      </p>
      {saved && <p class="notice" role="status">Preferences saved.</p>}
      {error && <p class="form-error" role="alert">{error}</p>}
      {push && (
        <section class="card" aria-labelledby="push-title">
          <h2 id="push-title">Push in this browser</h2>
          <PushToggle worker="/static/sw.js" />
        </section>
      )}
      <form method="post" action="/account/preferences" class="card">
        <CsrfField />
        <table class="acct-prefs">
          <caption class="visually-hidden">Email and push per kind of notification</caption>
          <thead>
            <tr>
              <th scope="col">Notification</th>
              {CHANNELS.map(([, label]) => <th key={label} scope="col">{label}</th>)}
            </tr>
          </thead>
          <tbody>
            {NOTIFICATION_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">
                  {NOTIFICATION_LABELS[kind]}
                  {prefs[kind].locked && <span class="acct-badge">Always sent</span>}
                </th>
                {CHANNELS.map(([channel, label]) => (
                  <Toggle
                    key={channel}
                    kind={kind}
                    channel={channel}
                    label={label}
                    on={prefs[kind][channel]}
                    locked={prefs[kind].locked}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p id="locked-note" class="hint acct-note">
          Notices marked “Always sent” are about changes to your own flights (delays, gate changes,
          cancellations, rebooking, new times or seats, refund offers and messages from the
          airline). They cannot be turned off, so you never miss one.
        </p>
        <button type="submit">Save preferences</button>
      </form>
    </AccountLayout>
  );
}

/** The kinds ticked for a channel in a posted form (one value or several). */
function ticked(value: unknown): Set<string> {
  return new Set((Array.isArray(value) ? value : [value]).filter((v) => typeof v === "string"));
}

/** `/account/preferences`: email and push per kind, as one form that works without JS. */
export const page = definePage({
  path: "/account/preferences",
  roles: SIGNED_IN,
  handlers: (deps) => {
    const sql = deps.db.sql;
    const pushReady = !!deps.notifier.vapid?.publicKey;
    return {
      GET: async (c, user) => {
        const prefs = await readPreferences(sql, user.id);
        return renderPage(
          c,
          <PreferencesPage prefs={prefs} push={pushReady} saved={c.req.query("saved") === "1"} />,
        );
      },
      POST: async (c, user) => {
        const form = await c.req.parseBody({ all: true });
        const email = ticked(form.email);
        const push = ticked(form.push);
        // The form shows every kind, so an unticked box means "off", for every kind.
        const wanted: PreferenceChanges = Object.fromEntries(
          NOTIFICATION_KINDS.map((
            kind,
          ) => [kind, { email: email.has(kind), push: push.has(kind) }]),
        );
        try {
          await changePreferences(sql, user.id, wanted, deps.clock.now());
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== "preference_locked") throw err;
          const prefs = await readPreferences(sql, user.id);
          const error = `${err.detail} Nothing was changed.`;
          return renderPage(
            c,
            <PreferencesPage prefs={prefs} push={pushReady} error={error} />,
            422,
          );
        }
        return c.redirect("/account/preferences?saved=1", 303);
      },
    };
  },
});
