import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../context.ts";
import { homePage } from "./home.tsx";
import { searchPages } from "./search_pages.ts";
import { authPages } from "./auth_pages.tsx";
import { bookingPages } from "./booking.ts";
import { accountPages } from "./account_pages.tsx";
import { adminOperationsPages } from "./admin_operations.ts";
import { adminFlightPages } from "./admin_flight_pages.ts";
import { notificationBadge } from "../middleware/notification_badge.ts";

/**
 * Every server-rendered page, one sub-app per area (Fresh's routes/ folder, by hand). Each
 * runs behind pageSession (cookie session, CSRF on every form post).
 */
export function pageRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    // The header bell's unread count, for every page a signed-in user sees.
    .use("*", notificationBadge(deps))
    .route("/", authPages(deps))
    .route("/", bookingPages(deps))
    .route("/", accountPages(deps))
    .route("/", adminOperationsPages(deps))
    .route("/", adminFlightPages(deps))
    .route("/", searchPages(deps))
    .route("/", homePage(deps));
}
