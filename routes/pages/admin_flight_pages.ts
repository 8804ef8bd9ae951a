import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../context.ts";
import { adminDashboardPage } from "./admin_dashboard.tsx";
import { adminFlightListPage } from "./admin_flight_list.tsx";
import { adminRecurringPage } from "./admin_recurring.tsx";
import { adminUploadPages } from "./admin_upload.tsx";
import { adminFlightEditorPages } from "./admin_flight_editor.tsx";
import { adminMailboxPages } from "./admin_mailbox.tsx";

/**
 * The operators' dashboard, flights (list, editor, status, recurring schedules, CSV upload and
 * its jobs) and the dev mailbox. Literal paths (/new, /recurring, /upload) come before /:id.
 */
export function adminFlightPages(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route("/", adminDashboardPage(deps))
    .route("/", adminFlightListPage(deps))
    .route("/", adminRecurringPage(deps))
    .route("/", adminUploadPages(deps))
    .route("/", adminFlightEditorPages(deps))
    .route("/", adminMailboxPages(deps));
}
