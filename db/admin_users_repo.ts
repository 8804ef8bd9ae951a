import type { Sql, Tx } from "./postgres.ts";
import { toUser, type User, type UserRow } from "./users_repo.ts";
import { containsPattern } from "./like.ts";

/** A user as the admin API shows it: the public view plus when it was disabled and changed. */
export interface AdminUser extends User {
  disabledAt: string | null;
  updatedAt: string;
}

/** Filters of the admin user list. */
export interface UserSearch {
  /** Substring of the email or the name, any case. */
  q?: string;
  role?: User["role"];
  status?: "active" | "disabled";
  limit: number;
  offset: number;
}

type AdminUserRow = Omit<UserRow, "password_hash"> & { updated_at: Date };

function toAdminUser(r: AdminUserRow): AdminUser {
  return {
    ...toUser(r),
    disabledAt: r.disabled_at?.toISOString() ?? null,
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * One page of users, newest first, with the total that match. Erased (anonymized) accounts
 * are left out: they hold no personal data to administer. Never selects the password hash.
 */
export async function searchUsers(
  sql: Sql,
  s: UserSearch,
): Promise<{ data: AdminUser[]; total: number }> {
  const pattern = s.q ? containsPattern(s.q) : undefined;
  const where = sql`
    anonymized_at IS NULL
    ${pattern ? sql`AND (lower(email) LIKE ${pattern} OR lower(name) LIKE ${pattern})` : sql``}
    ${s.role ? sql`AND role = ${s.role}` : sql``}
    ${
    s.status === "active"
      ? sql`AND disabled_at IS NULL`
      : s.status === "disabled"
      ? sql`AND disabled_at IS NOT NULL`
      : sql``
  }`;
  const [rows, [{ total }]] = await Promise.all([
    sql<AdminUserRow[]>`
      SELECT id, email, name, role, home_airport, disabled_at, created_at, updated_at
      FROM users WHERE ${where}
      ORDER BY created_at DESC, id DESC LIMIT ${s.limit} OFFSET ${s.offset}`,
    sql<{ total: number }[]>`SELECT count(*)::int AS total FROM users WHERE ${where}`,
  ]);
  return { data: rows.map(toAdminUser), total };
}

/**
 * A keyset page of users, newest first: up to `limit` after the user `after`, and whether
 * more follow.
 * The same filters as searchUsers; the (created_at, id) index keeps every page as cheap as the
 * first, however deep.
 */
export async function browseUsers(
  sql: Sql,
  s: Omit<UserSearch, "offset"> & { after?: string },
): Promise<{ data: AdminUser[]; more: boolean }> {
  const pattern = s.q ? containsPattern(s.q) : undefined;
  const rows = await sql<AdminUserRow[]>`
    SELECT id, email, name, role, home_airport, disabled_at, created_at, updated_at
    FROM users
    WHERE anonymized_at IS NULL
      ${pattern ? sql`AND (lower(email) LIKE ${pattern} OR lower(name) LIKE ${pattern})` : sql``}
      ${s.role ? sql`AND role = ${s.role}` : sql``}
      ${s.status === "active" ? sql`AND disabled_at IS NULL` : sql``}
      ${s.status === "disabled" ? sql`AND disabled_at IS NOT NULL` : sql``}
      ${
    // The cursor is the last user shown; its own row gives the exact (created_at, id) to go
    // past, microseconds included, which a timestamp in the URL would round.
    s.after
      ? sql`AND (created_at, id) < (SELECT created_at, id FROM users WHERE id = ${s.after})`
      : sql``}
    ORDER BY created_at DESC, id DESC LIMIT ${s.limit + 1}`;
  return { data: rows.slice(0, s.limit).map(toAdminUser), more: rows.length > s.limit };
}

/** How many bookings a user made, and how many of them are confirmed. */
export async function countUserBookings(sql: Sql, userId: string) {
  const [row] = await sql<{ total: number; confirmed: number }[]>`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed
    FROM bookings WHERE user_id = ${userId}`;
  return row;
}

/** A user by id for the admin API; undefined when unknown or erased. */
export async function getAdminUser(sql: Sql | Tx, id: string): Promise<AdminUser | undefined> {
  const [row] = await sql<AdminUserRow[]>`
    SELECT id, email, name, role, home_airport, disabled_at, created_at, updated_at
    FROM users WHERE id = ${id} AND anonymized_at IS NULL`;
  return row ? toAdminUser(row) : undefined;
}

/** Locks a user's row for a change (inside a transaction); undefined when unknown or erased. */
export async function lockAdminUser(tx: Tx, id: string): Promise<AdminUser | undefined> {
  const [row] = await tx<AdminUserRow[]>`
    SELECT id, email, name, role, home_airport, disabled_at, created_at, updated_at
    FROM users WHERE id = ${id} AND anonymized_at IS NULL FOR UPDATE`;
  return row ? toAdminUser(row) : undefined;
}

/**
 * How many admins can still sign in. Locks their rows, so two transactions that each demote
 * or disable one of the last two admins run one after the other and the second sees one left.
 */
export async function lockActiveAdmins(tx: Tx): Promise<number> {
  const rows = await tx`
    SELECT id FROM users
    WHERE role = 'admin' AND disabled_at IS NULL AND anonymized_at IS NULL
    ORDER BY id FOR UPDATE`;
  return rows.length;
}

/** Sets a user's role; returns the changed user. */
export async function setUserRole(
  tx: Tx,
  id: string,
  role: User["role"],
  now: Date,
): Promise<AdminUser> {
  const [row] = await tx<AdminUserRow[]>`
    UPDATE users SET role = ${role}, updated_at = ${now} WHERE id = ${id}
    RETURNING id, email, name, role, home_airport, disabled_at, created_at, updated_at`;
  return toAdminUser(row);
}

/** Disables (`disabledAt` a time) or enables (null) a user; returns the changed user. */
export async function setUserDisabled(
  tx: Tx,
  id: string,
  disabledAt: Date | null,
  now: Date,
): Promise<AdminUser> {
  const [row] = await tx<AdminUserRow[]>`
    UPDATE users SET disabled_at = ${disabledAt}, updated_at = ${now} WHERE id = ${id}
    RETURNING id, email, name, role, home_airport, disabled_at, created_at, updated_at`;
  return toAdminUser(row);
}

/** Revokes every live (unused, unexpired) refresh token of a user; returns how many. */
export async function revokeUserRefreshTokens(tx: Tx, userId: string, now: Date): Promise<number> {
  const rows = await tx`
    UPDATE refresh_tokens SET revoked_at = ${now}
    WHERE user_id = ${userId} AND revoked_at IS NULL AND rotated_at IS NULL AND expires_at > ${now}
    RETURNING id`;
  return rows.length;
}
