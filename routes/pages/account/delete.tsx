import { eraseMe } from "../../../services/accounts/my_account.ts";
import { actorOf } from "../../actor.ts";
import { AccountLayout } from "../../../components/AccountLayout.tsx";
import { CsrfField } from "../../../components/Layout.tsx";
import { definePage, SIGNED_IN } from "../../define_page.ts";
import { clearSessionCookies } from "../../middleware/auth.ts";
import { renderPage } from "../../render.tsx";

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

/** `/account/delete`: erasing one's account after typing its email address again. */
export const page = definePage({
  path: "/account/delete",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    GET: (c) => renderPage(c, <DeletePage />),
    POST: async (c) => {
      const form = await c.req.parseBody();
      // The same erasure as DELETE /api/me, then the browser's session goes too.
      const confirm = typeof form.confirm === "string" ? form.confirm : "";
      const account = { sql: deps.db.sql, clock: deps.clock, store: deps.store };
      const erased = await eraseMe(account, actorOf(c), confirm);
      if (!erased) {
        const error = "That is not your account's email address; nothing was deleted.";
        return renderPage(c, <DeletePage error={error} />, 422);
      }
      clearSessionCookies(c);
      return c.redirect("/account/deleted", 303);
    },
  }),
});
