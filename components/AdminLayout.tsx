import type { ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import { Layout } from "./Layout.tsx";
import { PageContext } from "./page_context.ts";

const SECTIONS: [href: string, label: string][] = [
  ["/admin", "Dashboard"],
  ["/admin/flights", "Flights"],
  ["/admin/ops", "Operations"],
  ["/admin/crew", "Crew"],
  ["/admin/aircraft-types", "Aircraft"],
  ["/admin/aircraft", "Airframes"],
  ["/admin/mailbox", "Mailbox"],
];
/** Sections only admins may open. */
const ADMIN_SECTIONS: [href: string, label: string][] = [["/admin/users", "Users"]];

/** Props of AdminLayout. */
export interface AdminLayoutProps {
  title: string;
  children: ComponentChildren;
  /** Extra stylesheets beyond admin.css. */
  styles?: string[];
}

/** The operators' shell: the site layout with the admin sections as a second navigation. */
export function AdminLayout({ title, children, styles = [] }: AdminLayoutProps) {
  const { path, user } = useContext(PageContext);
  const sections = user?.role === "admin" ? [...SECTIONS, ...ADMIN_SECTIONS] : SECTIONS;
  return (
    <Layout title={title} styles={["admin.css", ...styles]}>
      <nav class="admin-nav" aria-label="Admin">
        {sections.map(([href, label]) => {
          // By whole segments: /admin/aircraft is not /admin/aircraft-types.
          const current = href === "/admin"
            ? path === "/admin"
            : path === href || path.startsWith(`${href}/`);
          return <a key={href} href={href} aria-current={current ? "page" : undefined}>{label}</a>;
        })}
      </nav>
      {children}
    </Layout>
  );
}
