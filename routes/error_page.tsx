import type { Context } from "hono";
import { Layout } from "../components/Layout.tsx";
import type { AppError } from "../domain/app_error.ts";
import type { AppEnv } from "./context.ts";
import { renderPage } from "./render.tsx";

/** True for requests a browser makes for a page (not the API, not assets). */
export function wantsPage(c: Context<AppEnv>): boolean {
  const path = c.req.path;
  return !path.startsWith("/api/") && !path.startsWith("/static/") && path !== "/health" &&
    path !== "/ready";
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
  if (err.status >= 500) {
    return new Response(res.body, { status: err.status, headers: res.headers });
  }
  return res;
}
