/** What admins read about users: search, and one user with their audit trail. */
import { notFound } from "../../domain/app_error.ts";
import {
  type AdminUser,
  browseUsers,
  countUserBookings,
  getAdminUser,
  searchUsers,
  type UserSearch,
} from "../../db/admin_users_repo.ts";
import { type AuditView, listAudit, listAuditByActor } from "../../db/audit_repo.ts";
import type { Sql } from "../../db/postgres.ts";

export type { AdminUser, AuditView };

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

/** How many users one page of the admin user list shows. */
export const USERS_PER_PAGE = 25;

/** A keyset page of the admin user list, with the cursor of the next page when there is one. */
export async function userListPage(
  sql: Sql,
  q: Omit<UserSearch, "offset" | "limit"> & { after?: string },
) {
  const { data, more } = await browseUsers(sql, {
    ...q,
    q: q.q || undefined,
    limit: USERS_PER_PAGE,
  });
  return { users: data, next: more ? data[data.length - 1].id : undefined };
}

/** A user with the audit entries about them and by them, and their bookings; 404 if none. */
export async function userProfile(sql: Sql, id: string) {
  const user = await getAdminUser(sql, id);
  if (!user) throw notFound("User");
  const [about, by, bookings] = await Promise.all([
    listAudit(sql, "user", id, AUDIT_ENTRIES),
    listAuditByActor(sql, id, AUDIT_ENTRIES),
    countUserBookings(sql, id),
  ]);
  return { user, about, by, bookings };
}
