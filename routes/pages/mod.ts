import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../context.ts";
import { homePage } from "./home.tsx";
import { authPages } from "./auth_pages.tsx";

/**
 * Every server-rendered page, one sub-app per area (Fresh's routes/ folder, by hand). Each
 * runs behind pageSession (cookie session, CSRF on every form post).
 */
export function pageRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route("/", authPages(deps))
    .route("/", homePage(deps));
}
