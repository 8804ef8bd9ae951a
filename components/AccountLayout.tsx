import type { ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import { Layout } from "./Layout.tsx";
import { PageContext } from "./page_context.ts";

const SECTIONS: [href: string, label: string][] = [
  ["/account", "Profile"],
  ["/account/notifications", "Notifications"],
  ["/account/preferences", "Preferences"],
];

/** Props of AccountLayout. */
export interface AccountLayoutProps {
  title: string;
  children: ComponentChildren;
}

/** A signed-in user's account pages: the site layout with the account sections. */
export function AccountLayout({ title, children }: AccountLayoutProps) {
  const { path } = useContext(PageContext);
  return (
    <Layout title={title} styles={["account.css"]}>
      <nav class="account-nav" aria-label="Account">
        {SECTIONS.map(([href, label]) => (
          <a key={href} href={href} aria-current={path === href ? "page" : undefined}>{label}</a>
        ))}
      </nav>
      {children}
    </Layout>
  );
}
