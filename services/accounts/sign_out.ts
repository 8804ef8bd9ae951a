/** Signing a browser out: its refresh token's whole family stops working. */
import { hashToken } from "../../adapters/tokens.ts";
import { revokeRefreshFamily } from "../../db/users_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** Revokes the family of the refresh token a browser presented (nothing when it had none). */
export async function signOut(sql: Sql, refreshToken: string | undefined, now: Date) {
  if (refreshToken) await revokeRefreshFamily(sql, await hashToken(refreshToken), now);
}
