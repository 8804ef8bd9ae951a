import type { Context } from "hono";
import { Layout } from "../components/Layout.tsx";
import type { AppError } from "../domain/app_error.ts";
import type { AppEnv } from "./context.ts";
import { renderPage } from "./render.tsx";

/** True for requests a browser makes for a page (not the API, not assets). */
export function wantsPage(c: Context<AppEnv>): boolean {
  const path = c.req.path;
  return !path.startsWith("/api/") && !path.startsWith("/static/") && path !== "/health" &&
    path !== "/ready" && path !== "/metrics";
}

/** A problem as a page: its title and detail, and a way back; never internals. */
export function errorPage(c: Context<AppEnv>, err: AppError): Response {
  const status = ([400, 401, 403, 404, 409, 422].includes(err.status) ? err.status : 400) as 400;
  const res = renderPage(
    c,
    <Layout title={err.title}>
      <h1>{err.title}</h1>
      <p>{err.detail ?? "Something went wrong."}</p>
      <p>
        <a href="/">Back to the start page</a>
      </p>
    </Layout>,
    status,
  );
  if (err.status === status && !err.headers) return res;
  // Statuses the renderer does not list (413, 429, 5xx) keep theirs, with e.g. Retry-After.
  const headers = new Headers(res.headers);
  for (const [name, value] of Object.entries(err.headers ?? {})) headers.set(name, value);
  return new Response(res.body, { status: err.status, headers });
}
