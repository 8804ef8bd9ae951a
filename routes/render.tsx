import type { Context } from "hono";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { collectIslands, islandScript } from "../islands/island.ts";
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

/** Renders a page to a full HTML document, loading the bundle of each island it used. */
export function renderPage(
  c: Context<AppEnv>,
  page: VNode,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 422 | 429 = 200,
): Response {
  const info = pageInfo(c);
  const { html, islands } = collectIslands(() =>
    renderToString(<PageContext.Provider value={info}>{page}</PageContext.Provider>)
  );
  const scripts = islands
    .map((name) => `<script type="module" src="${islandScript(name)}"></script>`)
    .join("");
  const body = scripts ? html.replace("</body>", `${scripts}</body>`) : html;
  c.header("Cache-Control", "no-store");
  return c.html(`<!doctype html>${body}`, status);
}

/** A path on this site to come back to after signing in ("/" for anything else). */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])[^\s]*$/.test(next) ? next : "/";
}
