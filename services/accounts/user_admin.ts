import { AppError, notFound } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import {
  type AdminUser,
  lockActiveAdmins,
  lockAdminUser,
  revokeUserRefreshTokens,
  setUserDisabled,
  setUserRole,
} from "../../db/admin_users_repo.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import type { Sql, Tx } from "../../db/postgres.ts";
import type { User } from "../../db/users_repo.ts";
import { sessionEpochs } from "./session_epochs.ts";
import type { Store } from "../../adapters/store.ts";

/** What changing a user's role or access needs. */
export interface UserAdminDeps {
  sql: Sql;
  store: Store;
  clock: Clock;
}

/** Who changes which user, and why. */
export interface UserChange {
  actorId: string;
  userId: string;
  reason?: string;
  requestId?: string;
}

/** The user after a change; `changed` is false when it already was as asked (nothing audited). */
export interface UserChangeResult {
  user: AdminUser;
  changed: boolean;
}

/** What one change did, for the audit log; undefined when there was nothing to do. */
interface Applied {
  user: AdminUser;
  action: string;
  details: Record<string, unknown>;
  /** Whether the user's access tokens issued before now must stop working. */
  revokeTokens: boolean;
}

const selfChange = () =>
  new AppError(409, "self_change", {
    detail: "Admins cannot change their own role or disable themselves; ask another admin.",
  });

const lastAdmin = () =>
  new AppError(409, "last_admin", {
    detail: "This is the last active admin; make someone else an admin first.",
  });

/**
 * Runs one change to a user in a transaction: locks the active admins (always first, so two
 * changes cannot deadlock or both remove one of the last two admins), then the user; audits
 * it; and, for a change that must bite at once, records the user's new security epoch before
 * committing (if that fails, nothing changes). A sign-in that read the user just before the
 * commit may still get a token with the old role; the refresh path re-reads the user.
 */
async function changeUser(
  deps: UserAdminDeps,
  change: UserChange,
  apply: (tx: Tx, user: AdminUser, admins: number, now: Date) => Promise<Applied | undefined>,
): Promise<UserChangeResult> {
  return await deps.sql.begin(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    const user = await lockAdminUser(tx, change.userId);
    if (!user) throw notFound("User");
    const now = deps.clock.now();
    const applied = await apply(tx, user, admins, now);
    if (!applied) return { user, changed: false };
    await recordAudit(tx, {
      actorId: change.actorId,
      action: applied.action,
      entityType: "user",
      entityId: user.id,
      details: { ...applied.details, ...(change.reason ? { reason: change.reason } : {}) },
      requestId: change.requestId,
    });
    if (applied.revokeTokens) await sessionEpochs(deps.store).bump(user.id, now.getTime());
    return { user: applied.user, changed: true };
  });
}

const removesAdmin = (user: AdminUser) => user.role === "admin" && !user.disabled;

/** Gives a user another role; their earlier access tokens stop working at once. */
export async function changeUserRole(
  deps: UserAdminDeps,
  change: UserChange & { role: User["role"] },
): Promise<UserChangeResult> {
  if (change.actorId === change.userId) throw selfChange();
  return await changeUser(deps, change, async (tx, user, admins, now) => {
    if (user.role === change.role) return undefined;
    if (removesAdmin(user) && admins <= 1) throw lastAdmin();
    return {
      user: await setUserRole(tx, user.id, change.role, now),
      action: "user.role_changed",
      details: { before: { role: user.role }, after: { role: change.role } },
      revokeTokens: true,
    };
  });
}

/** Disables a user: sign-in refused, refresh tokens revoked, access tokens refused at once. */
export async function disableUser(
  deps: UserAdminDeps,
  change: UserChange & { reason: string },
): Promise<UserChangeResult> {
  if (change.actorId === change.userId) throw selfChange();
  return await changeUser(deps, change, async (tx, user, admins, now) => {
    if (user.disabled) return undefined;
    if (removesAdmin(user) && admins <= 1) throw lastAdmin();
    const updated = await setUserDisabled(tx, user.id, now, now);
    const revoked = await revokeUserRefreshTokens(tx, user.id, now);
    return {
      user: updated,
      action: "user.disabled",
      details: {
        before: { disabled: false },
        after: { disabled: true },
        refreshTokensRevoked: revoked,
      },
      revokeTokens: true,
    };
  });
}

/** Lets a disabled user sign in again (their old sessions stay revoked). */
export async function enableUser(
  deps: UserAdminDeps,
  change: UserChange,
): Promise<UserChangeResult> {
  return await changeUser(deps, change, async (tx, user, _admins, now) => {
    if (!user.disabled) return undefined;
    return {
      user: await setUserDisabled(tx, user.id, null, now),
      action: "user.enabled",
      details: {
        before: { disabled: true, disabledAt: user.disabledAt },
        after: { disabled: false },
      },
      revokeTokens: false,
    };
  });
}
