import type { ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import { isStaff, PageContext } from "./page_context.ts";
import NotificationBell from "../islands/NotificationBell.tsx";

/** Props of Layout. */
export interface LayoutProps {
  title: string;
  children: ComponentChildren;
  /** Extra stylesheets under /static (e.g. "admin.css"), after the base one. */
  styles?: string[];
}

/** The hidden `_csrf` field every form posts back (see routes/middleware/page_session.ts). */
export function CsrfField() {
  const { csrf } = useContext(PageContext);
  return <input type="hidden" name="_csrf" value={csrf} />;
}

function NavLink({ href, children }: { href: string; children: ComponentChildren }) {
  const { path } = useContext(PageContext);
  const current = href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
  return <a href={href} aria-current={current ? "page" : undefined}>{children}</a>;
}

/** The page shell: head, skip link, header with navigation, main, footer. */
export function Layout({ title, children, styles = [] }: LayoutProps) {
  const { user, notifications } = useContext(PageContext);
  // The bell's styles are in account.css, so every signed-in page loads it.
  const sheets = user && !styles.includes("account.css") ? [...styles, "account.css"] : styles;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Contrail`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/styles.css" />
        {sheets.map((s) => <link key={s} rel="stylesheet" href={`/static/${s}`} />)}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <a class="brand" href="/">
            <span aria-hidden="true">✈</span> Contrail
          </a>
          <nav aria-label="Main">
            <NavLink href="/">Flights</NavLink>
            {user && <NavLink href="/trips">My trips</NavLink>}
            {!user && <NavLink href="/trips/lookup">Find a trip</NavLink>}
            {isStaff(user) && <NavLink href="/admin">Admin</NavLink>}
            {user && <NavLink href="/account">Account</NavLink>}
            {user && notifications && <NotificationBell {...notifications} />}
            {user
              ? (
                <form method="post" action="/logout" class="nav-form">
                  <CsrfField />
                  <button type="submit" class="link-button">Sign out</button>
                </form>
              )
              : <NavLink href="/login">Sign in</NavLink>}
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">
          <p>
            Airport data © OpenFlights contributors, ODbL. Contrail is a demonstration airline; no
            real flights are sold.
          </p>
        </footer>
      </body>
    </html>
  );
}
