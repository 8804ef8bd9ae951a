/** What admins read about users: search, and one user with their audit trail. */
import { notFound } from "../../domain/app_error.ts";
import { getAdminUser, searchUsers, type UserSearch } from "../../db/admin_users_repo.ts";
import { listAudit } from "../../db/audit_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** How many audit entries the user view shows. */
const AUDIT_ENTRIES = 50;

/** A page of users matching email or name, role and status, newest first. */
export async function findUsers(
  sql: Sql,
  q: Omit<UserSearch, "offset"> & { page: number },
) {
  const { data, total } = await searchUsers(sql, {
    q: q.q || undefined,
    role: q.role,
    status: q.status,
    limit: q.limit,
    offset: (q.page - 1) * q.limit,
  });
  return { data, page: q.page, limit: q.limit, total };
}

/** A user with their recent audit trail; 404 for no such user. */
export async function userWithAudit(sql: Sql, id: string) {
  const user = await getAdminUser(sql, id);
  if (!user) throw notFound("User");
  return { user, audit: await listAudit(sql, "user", id, AUDIT_ENTRIES) };
}
