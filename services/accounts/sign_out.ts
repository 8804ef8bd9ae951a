import type { Clock } from "../../domain/clock.ts";
import { hashToken } from "../../adapters/tokens.ts";
import type { Sql } from "../../db/postgres.ts";
import { revokeRefreshFamily } from "../../db/users_repo.ts";

/** Signs out a session: every refresh token of the presented one's family stops working. */
export async function signOut(deps: { sql: Sql; clock: Clock }, refreshToken: string) {
  await revokeRefreshFamily(deps.sql, await hashToken(refreshToken), deps.clock.now());
}
