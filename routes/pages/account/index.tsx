import type { User } from "../../../domain/views/account.ts";
import { whoAmI } from "../../../services/accounts/my_account.ts";
import { actorOf } from "../../actor.ts";
import { AccountLayout } from "../../../components/AccountLayout.tsx";
import { definePage, SIGNED_IN } from "../../define_page.ts";
import { renderPage } from "../../render.tsx";

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

/** `GET /account`: the signed-in user's profile, data export and a way to erasure. */
export const page = definePage({
  path: "/account",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    GET: async (c) => renderPage(c, <ProfilePage user={await whoAmI(deps.db, actorOf(c))} />),
  }),
});
