import type { Sql, Tx } from "./postgres.ts";

/** One audited change: who did what to which thing, and the facts worth keeping. */
export interface AuditEntry {
  /** The signed-in user who made the change; undefined for the system itself. */
  actorId?: string;
  /** Dotted verb, e.g. `user.role_changed`, `crew.assignment_overridden`. */
  action: string;
  entityType: string;
  entityId: string;
  /** Before/after values, reasons; never secrets. */
  details?: Record<string, unknown>;
  requestId?: string;
}

/** Appends an entry to the audit log; inside a transaction pass its handle. */
export async function recordAudit(sql: Sql | Tx, e: AuditEntry): Promise<void> {
  await sql`
    INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, details, request_id)
    VALUES (${e.actorId ?? null}, ${e.action}, ${e.entityType}, ${e.entityId},
      ${sql.json((e.details ?? {}) as never)}, ${e.requestId ?? null})`;
}

/** An audit entry as the admin API shows it. */
export interface AuditView {
  id: number;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
  requestId: string | null;
  createdAt: string;
}

/** The audit trail of one entity, newest first. */
export async function listAudit(
  sql: Sql,
  entityType: string,
  entityId: string,
  limit = 50,
): Promise<AuditView[]> {
  return await auditWhere(
    sql,
    sql`entity_type = ${entityType} AND entity_id = ${entityId}`,
    limit,
  );
}

/** What one user did, newest first, whatever it was done to. */
export async function listAuditByActor(
  sql: Sql,
  actorId: string,
  limit = 50,
): Promise<AuditView[]> {
  return await auditWhere(sql, sql`actor_user_id = ${actorId}`, limit);
}

async function auditWhere(sql: Sql, where: ReturnType<Sql>, limit: number) {
  const rows = await sql`
    SELECT id, actor_user_id, action, entity_type, entity_id, details, request_id, created_at
    FROM audit_log WHERE ${where}
    ORDER BY created_at DESC, id DESC LIMIT ${limit}`;
  return rows.map(toAuditView);
}

// deno-lint-ignore no-explicit-any
function toAuditView(r: Record<string, any>): AuditView {
  return {
    id: Number(r.id),
    actorId: r.actor_user_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    details: r.details,
    requestId: r.request_id,
    createdAt: r.created_at.toISOString(),
  };
}
