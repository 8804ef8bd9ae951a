/**
 * Sessions: an access token with a refresh token of a family, rotated on use (a reused one
 * revokes its family), and signing out. The routes put the tokens in cookies or a body.
 */
import type { Clock } from "../../domain/clock.ts";
import type { User } from "../../domain/views/account.ts";
import {
  ACCESS_TTL_SECONDS,
  hashToken,
  randomToken,
  REFRESH_TTL_MS,
  signAccessToken,
} from "../../adapters/tokens.ts";
import type { Sql } from "../../db/postgres.ts";
import type { Store } from "../../adapters/store.ts";
import { sessionEpochs } from "./session_epochs.ts";
import {
  findUserById,
  insertRefreshToken,
  revokeRefreshFamily,
  rotateRefreshToken,
} from "../../db/users_repo.ts";

/** What sessions need: the database, the clock and the access tokens' signing secret. */
export interface SessionDeps {
  sql: Sql;
  clock: Clock;
  jwtSecret: string;
}

/** A started session's tokens. */
export interface SessionTokens {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}

/**
 * Signs an access token for `user`, with a new refresh-token family, or with `rotatedToken`
 * when rotation already stored it.
 */
export async function issueSession(
  deps: SessionDeps,
  user: User,
  rotatedToken?: string,
): Promise<SessionTokens> {
  const now = deps.clock.now();
  const refreshToken = rotatedToken ?? randomToken();
  const accessToken = await signAccessToken(
    { sub: user.id, role: user.role, email: user.email },
    deps.jwtSecret,
    now,
  );
  if (!rotatedToken) {
    await insertRefreshToken(deps.sql, {
      userId: user.id,
      familyId: crypto.randomUUID(),
      hash: await hashToken(refreshToken),
      expiresAt: new Date(now.getTime() + REFRESH_TTL_MS),
    });
  }
  return { user, accessToken, refreshToken, expiresIn: ACCESS_TTL_SECONDS };
}

/**
 * Rotates a presented refresh token into the next session; a refused token says why
 * (`reused` revoked the whole family, `invalid` is unknown, expired or its account gone).
 */
export async function rotateSession(
  deps: SessionDeps,
  presented: string,
): Promise<SessionTokens | { kind: "reused" | "invalid" }> {
  const now = deps.clock.now();
  const next = randomToken();
  const outcome = await rotateRefreshToken(deps.sql, await hashToken(presented), {
    hash: await hashToken(next),
    expiresAt: new Date(now.getTime() + REFRESH_TTL_MS),
  }, now);
  const user = outcome.kind === "rotated"
    ? await findUserById(deps.sql, outcome.userId)
    : undefined;
  if (!user) return { kind: outcome.kind === "reused" ? "reused" : "invalid" };
  return await issueSession(deps, user, next);
}

/**
 * Signs out a session: every refresh token of the presented one's family stops working, and
 * the access tokens already issued to the user stop at once too (their session epoch moves;
 * the user's other signed-in devices renew theirs with their own refresh tokens).
 */
export async function signOut(
  deps: { sql: Sql; clock: Clock; store: Store },
  refreshToken: string,
) {
  const now = deps.clock.now();
  const userId = await revokeRefreshFamily(deps.sql, await hashToken(refreshToken), now);
  if (userId) await sessionEpochs(deps.store).bump(userId, now.getTime(), true);
}
