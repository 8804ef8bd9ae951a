import type { Logger } from "../platform/log.ts";
import type { Principal } from "./middleware/auth.ts";
import type { AppDeps } from "../services/app_deps.ts";
import type { NotificationBadge } from "../services/notifications/inbox.ts";

export type { AppDeps };

/** Hono's environment type for every Contrail sub-app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    principal: Principal;
    /** The CSRF token of this browser (the ct_csrf cookie), set for pages and sign-in. */
    csrf: string;
    /** The signed-in user's unread notifications, on page requests (header bell). */
    notificationBadge: NotificationBadge;
    /** The client's address as a trusted proxy reported it (TRUST_PROXY); else unset. */
    clientAddress?: string;
  };
}
