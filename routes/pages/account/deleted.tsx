import { Layout } from "../../../components/Layout.tsx";
import { ANYONE, definePage } from "../../define_page.ts";
import { renderPage } from "../../render.tsx";

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

/** `GET /account/deleted`: the goodbye after erasure (the visitor is signed out by then). */
export const page = definePage({
  path: "/account/deleted",
  roles: ANYONE,
  handlers: () => ({ GET: (c) => renderPage(c, <GoodbyePage />) }),
});
