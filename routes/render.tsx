import type { Context } from "hono";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { collectIslands } from "../islands/island.ts";
import { islandAssets } from "../platform/build_manifest.ts";
import { PageContext, type PageInfo, type PageUser } from "../components/page_context.ts";
import type { AppEnv } from "./context.ts";

/** The page facts of a request (see PageContext). */
export function pageInfo(c: Context<AppEnv>): PageInfo {
  const p = c.get("principal");
  const user: PageUser | undefined = p?.userId && p.role !== "guest"
    ? { id: p.userId, email: p.email ?? "", role: p.role }
    : undefined;
  const notifications = user ? c.get("notificationBadge") : undefined;
  return { user, csrf: c.get("csrf") ?? "", path: c.req.path, notifications };
}

/**
 * A page as a full HTML document: each island's bundle (content-hashed, from the build's
 * manifest) at the end of the body, after `modulepreload` hints for the chunks the bundles
 * import, so the browser fetches those at once instead of after each bundle arrived.
 */
function pageDocument(c: Context<AppEnv>, page: VNode): string {
  const info = pageInfo(c);
  const { html, islands } = collectIslands(() =>
    renderToString(<PageContext.Provider value={info}>{page}</PageContext.Provider>)
  );
  if (islands.length === 0) return `<!doctype html>${html}`;
  const { scripts, preloads } = islandAssets(islands);
  const tags = preloads.map((href) => `<link rel="modulepreload" href="${href}">`).join("") +
    scripts.map((src) => `<script type="module" src="${src}"></script>`).join("");
  return `<!doctype html>${html.replace("</body>", `${tags}</body>`)}`;
}

/** Renders a page to a full HTML document that no cache keeps (it may be about one user). */
export function renderPage(
  c: Context<AppEnv>,
  page: VNode,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 422 | 429 = 200,
): Response {
  const body = pageDocument(c, page);
  c.header("Cache-Control", "no-store");
  return c.html(body, status);
}

/**
 * Renders a page that is the same for every guest (home, search results, a flight): a guest's
 * browser may keep it and revalidate it with its ETag (routes/middleware/conditional.ts), so
 * an unchanged page costs a 304. Signed in, or with a form's CSRF token in it, the page is
 * about one person and is never stored, as with renderPage.
 */
export function renderPublicPage(c: Context<AppEnv>, page: VNode): Response {
  const body = pageDocument(c, page);
  const csrf = c.get("csrf");
  const shared = !pageInfo(c).user && !(csrf && body.includes(csrf));
  c.header("Cache-Control", shared ? "private, no-cache" : "no-store");
  return c.html(body, 200);
}

/** A path on this site to come back to after signing in ("/" for anything else). */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])[^\s]*$/.test(next) ? next : "/";
}
