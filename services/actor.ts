import type { Role } from "../adapters/tokens.ts";
import type { AuditEntry } from "../db/audit_repo.ts";

/** Who a use case acts for: the signed-in user (none for a guest), their role, the request. */
export interface Actor {
  userId?: string;
  role: Role;
  /** Ties logs and audit entries to the request that caused them. */
  requestId: string;
}

/** True for operators and admins, who may see and change what is not theirs. */
export function isStaff(actor: Pick<Actor, "role">): boolean {
  return actor.role === "operator" || actor.role === "admin";
}

/** An audit entry for what `actor` did to an entity. */
export function auditEntry(
  actor: Actor,
  action: string,
  entity: { type: string; id: string },
  details: Record<string, unknown> = {},
): AuditEntry {
  return {
    actorId: actor.userId,
    action,
    entityType: entity.type,
    entityId: entity.id,
    details,
    requestId: actor.requestId,
  };
}
