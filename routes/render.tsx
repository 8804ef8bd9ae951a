import type { Context } from "hono";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { collectIslands, islandScript } from "../components/island.tsx";

/** Renders a page to a full HTML document, loading the bundle of each island it used. */
export function renderPage(c: Context, page: VNode, status: 200 | 404 = 200): Response {
  const { html, islands } = collectIslands(() => renderToString(page));
  const scripts = islands
    .map((name) => `<script type="module" src="${islandScript(name)}"></script>`)
    .join("");
  const body = scripts ? html.replace("</body>", `${scripts}</body>`) : html;
  return c.html(`<!doctype html>${body}`, status);
}
