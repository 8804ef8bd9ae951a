import type { ComponentChildren } from "preact";

/** Props of Layout. */
export interface LayoutProps {
  title: string;
  children: ComponentChildren;
}

/** The page shell: head, skip link, header with navigation, main, footer. */
export function Layout({ title, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Contrail`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/styles.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <a class="brand" href="/">
            <span aria-hidden="true">✈</span> Contrail
          </a>
          <nav aria-label="Main">
            <a href="/">Departures</a>
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
