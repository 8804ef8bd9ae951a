import type { Context } from "hono";
import type { AuditEntry } from "../../db/audit_repo.ts";
import type { FlightAdminDeps } from "../../services/flights/flight_admin.ts";
import type { AppDeps, AppEnv } from "../context.ts";

/** What the operator services need, taken from the app's dependencies. */
export function adminDeps(deps: AppDeps): FlightAdminDeps {
  return {
    sql: deps.db.sql,
    kv: deps.kv,
    registry: deps.registry,
    projector: deps.projector,
    store: deps.store,
    log: deps.log,
    notifier: deps.notifier,
  };
}

/** An audit entry for the signed-in operator's request. */
export function auditOf(
  c: Context<AppEnv>,
  action: string,
  entityType: string,
  entityId: string,
  details: Record<string, unknown> = {},
): AuditEntry {
  return {
    actorId: c.get("principal").userId,
    action,
    entityType,
    entityId,
    details,
    requestId: c.get("requestId"),
  };
}

/** Who made a request and its id, as the audited services take them. */
export function actorOf(c: Context<AppEnv>): { actorId?: string; requestId: string } {
  return { actorId: c.get("principal").userId, requestId: c.get("requestId") };
}
