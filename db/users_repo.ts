import type { Sql, Tx } from "./postgres.ts";
import type { User } from "../domain/views/account.ts";
// Views live in domain/views (one home for UI and API); re-exported for existing callers.
export type { User };

/** A users row as queries return it. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: User["role"];
  home_airport: string | null;
  disabled_at: Date | null;
  created_at: Date;
  password_hash: string | null;
}

/** The public view of a users row. */
export function toUser(r: Omit<UserRow, "password_hash">): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    homeAirport: r.home_airport?.trim() ?? null,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at.toISOString(),
  };
}

/** Creates a passenger; undefined when the email is already registered. */
export async function createUser(
  sql: Sql,
  u: { email: string; name: string; passwordHash: string },
): Promise<User | undefined> {
  const [row] = await sql<UserRow[]>`
    INSERT INTO users (email, name, password_hash, role)
    VALUES (${u.email}, ${u.name}, ${u.passwordHash}, 'passenger')
    ON CONFLICT ((lower(email))) DO NOTHING
    RETURNING *`;
  return row ? toUser(row) : undefined;
}

/** A user and their password hash, by email (case-insensitive); anonymized users excluded. */
export async function findUserForLogin(
  sql: Sql,
  email: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const [row] = await sql<UserRow[]>`
    SELECT * FROM users WHERE lower(email) = lower(${email}) AND anonymized_at IS NULL`;
  return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

/** A user by id, unless anonymized. */
export async function findUserById(sql: Sql, id: string): Promise<User | undefined> {
  const [row] = await sql<UserRow[]>`
    SELECT * FROM users WHERE id = ${id} AND anonymized_at IS NULL`;
  return row ? toUser(row) : undefined;
}

/** Stores a refresh token's hash in a family. */
export async function insertRefreshToken(
  sql: Sql | Tx,
  t: { userId: string; familyId: string; hash: string; expiresAt: Date },
): Promise<void> {
  await sql`
    INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
    VALUES (${t.userId}, ${t.familyId}, ${t.hash}, ${t.expiresAt})`;
}

/** What presenting a refresh token led to. */
export type RotateOutcome =
  | { kind: "rotated"; userId: string; familyId: string }
  | { kind: "reused"; userId: string }
  /** Presented again within the grace time: the successor it was rotated into, sealed. */
  | { kind: "repeated"; userId: string; sealed: string }
  | { kind: "invalid" };

/**
 * Rotates a refresh token: the presented one is marked used and a new one (same family) is
 * stored. A token that was already rotated or revoked is a replay: the whole family is
 * revoked, so a stolen token dies with the legitimate one. Within `graceMs` of its rotation a
 * token presented again gets the same successor (two tabs refreshing at once).
 */
export async function rotateRefreshToken(
  sql: Sql,
  presentedHash: string,
  next: { hash: string; expiresAt: Date; sealed: string },
  now: Date,
  graceMs = 0,
): Promise<RotateOutcome> {
  return await sql.begin(async (tx) => {
    const [row] = await tx<
      {
        id: string;
        user_id: string;
        family_id: string;
        expires_at: Date;
        rotated_at: Date | null;
        revoked_at: Date | null;
        successor_sealed: string | null;
      }[]
    >`
      SELECT id, user_id, family_id, expires_at, rotated_at, revoked_at, successor_sealed
      FROM refresh_tokens WHERE token_hash = ${presentedHash} FOR UPDATE`;
    if (!row) return { kind: "invalid" } as const;
    // Rotated a moment ago (another tab's refresh won the race): the same successor again.
    if (
      row.rotated_at && !row.revoked_at && row.successor_sealed &&
      now.getTime() - row.rotated_at.getTime() <= graceMs
    ) {
      const [user] = await tx`
        SELECT 1 FROM users WHERE id = ${row.user_id} AND disabled_at IS NULL
          AND anonymized_at IS NULL`;
      if (!user) return { kind: "invalid" } as const;
      return { kind: "repeated", userId: row.user_id, sealed: row.successor_sealed } as const;
    }
    if (row.rotated_at || row.revoked_at) {
      await tx`UPDATE refresh_tokens SET revoked_at = ${now}
               WHERE family_id = ${row.family_id} AND revoked_at IS NULL`;
      return { kind: "reused", userId: row.user_id } as const;
    }
    if (row.expires_at <= now) return { kind: "invalid" } as const;
    const [user] = await tx`
      SELECT 1 FROM users WHERE id = ${row.user_id} AND disabled_at IS NULL AND anonymized_at IS NULL`;
    if (!user) return { kind: "invalid" } as const;
    await tx`
      UPDATE refresh_tokens SET rotated_at = ${now}, successor_sealed = ${next.sealed}
      WHERE id = ${row.id}`;
    await insertRefreshToken(tx, {
      userId: row.user_id,
      familyId: row.family_id,
      hash: next.hash,
      expiresAt: next.expiresAt,
    });
    return { kind: "rotated", userId: row.user_id, familyId: row.family_id } as const;
  });
}

/** Revokes the family of a refresh token (logout); its user, or undefined when unknown. */
export async function revokeRefreshFamily(
  sql: Sql,
  hash: string,
  now: Date,
): Promise<string | undefined> {
  const rows = await sql`
    UPDATE refresh_tokens SET revoked_at = ${now}
    WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ${hash})
      AND revoked_at IS NULL
    RETURNING user_id`;
  return rows[0]?.user_id;
}
