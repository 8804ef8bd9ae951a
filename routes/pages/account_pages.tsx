import { Hono } from "hono";
import { AppError } from "../../domain/app_error.ts";
import { findUserById, type User } from "../../db/users_repo.ts";
import { anonymizeUser } from "../../db/privacy_repo.ts";
import { AccountLayout } from "../../components/AccountLayout.tsx";
import { CsrfField, Layout } from "../../components/Layout.tsx";
import type { AppDeps, AppEnv } from "../context.ts";
import { clearSessionCookies } from "../middleware/auth.ts";
import { pageUser, renderPage } from "../render.tsx";
import { accountNotificationPages } from "./account_notifications.tsx";
import { accountPreferencePages } from "./account_preferences.tsx";

function ProfilePage({ user }: { user: User }) {
  return (
    <AccountLayout title="Your account">
      <h1>Your account</h1>
      <dl class="acct-profile card">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd class="acct-role">{user.role}</dd>
        <dt>Member since</dt>
        <dd>
          <time datetime={user.createdAt}>{user.createdAt.slice(0, 10)}</time>
        </dd>
      </dl>
      <section class="card" aria-labelledby="data-title">
        <h2 id="data-title">Your data</h2>
        <p>
          Download everything Contrail holds about you (bookings, tickets, payments, notifications,
          preferences and sign-ins) as one JSON file.
        </p>
        <p>
          <a class="acct-button" href="/api/me/export" download>Export my data</a>
        </p>
      </section>
      <section class="card" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete my account</h2>
        <p>
          Your personal details are erased and you are signed out. Bookings, tickets and payments
          stay on record for accounting, without your contact details.
        </p>
        <p>
          <a href="/account/delete">Delete my account…</a>
        </p>
      </section>
    </AccountLayout>
  );
}

function DeletePage({ error }: { error?: string }) {
  return (
    <AccountLayout title="Delete my account">
      <h1>Delete my account</h1>
      <section class="card acct-danger" aria-labelledby="confirm-title">
        <h2 id="confirm-title">This cannot be undone</h2>
        <p>
          Your name, email, password, notifications, preferences, push subscriptions and saved
          searches are erased. Bookings and payments are kept for accounting, anonymized.
        </p>
        {error && <p class="form-error" role="alert" id="confirm-error">{error}</p>}
        <form method="post" action="/account/delete" class="stack">
          <CsrfField />
          <label>
            Type your email address to confirm
            <input
              name="confirm"
              type="email"
              autocomplete="off"
              required
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? "confirm-error" : undefined}
            />
          </label>
          <div class="acct-actions">
            <button type="submit" class="danger">Delete my account</button>
            <a href="/account">Keep my account</a>
          </div>
        </form>
      </section>
    </AccountLayout>
  );
}

function GoodbyePage() {
  return (
    <Layout title="Account deleted" styles={["account.css"]}>
      <section class="auth-card" aria-labelledby="bye-title">
        <h1 id="bye-title">Your account is deleted</h1>
        <p role="status">
          Your personal details are erased and you are signed out. Thank you for flying Contrail.
        </p>
        <p>
          <a href="/">Back to the departures</a>
        </p>
      </section>
    </Layout>
  );
}

/** The signed-in user's own row; an erased or vanished account is told to sign in again. */
async function accountOf(deps: AppDeps, userId: string): Promise<User> {
  const user = await findUserById(deps.db.sql, userId);
  if (!user) {
    throw new AppError(401, "unauthenticated", { detail: "This account no longer exists." });
  }
  return user;
}

/** `/account/*`: profile, notifications, preferences, export and erasure of one's account. */
export function accountPages(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get("/account", async (c) => {
      const user = pageUser(c);
      if (user instanceof Response) return user;
      return renderPage(c, <ProfilePage user={await accountOf(deps, user.id)} />);
    })
    .get("/account/delete", (c) => {
      const user = pageUser(c);
      if (user instanceof Response) return user;
      return renderPage(c, <DeletePage />);
    })
    .post("/account/delete", async (c) => {
      const user = pageUser(c);
      if (user instanceof Response) return user;
      const account = await accountOf(deps, user.id);
      const form = await c.req.parseBody();
      const typed = typeof form.confirm === "string" ? form.confirm.trim().toLowerCase() : "";
      if (typed !== account.email.toLowerCase()) {
        const error = "That is not your account's email address; nothing was deleted.";
        return renderPage(c, <DeletePage error={error} />, 422);
      }
      // The same erasure as DELETE /api/me, then the browser's session goes too.
      await anonymizeUser(deps.db.sql, account.id, deps.clock.now(), c.get("requestId"));
      clearSessionCookies(c);
      return c.redirect("/account/deleted", 303);
    })
    .get("/account/deleted", (c) => renderPage(c, <GoodbyePage />))
    .route("/", accountNotificationPages(deps))
    .route("/", accountPreferencePages(deps));
}
