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
import { open, seal } from "../../adapters/secret_box.ts";
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
  const key = await successorKey(deps.jwtSecret);
  let next = randomToken();
  const outcome = await rotateRefreshToken(
    deps.sql,
    await hashToken(presented),
    {
      hash: await hashToken(next),
      expiresAt: new Date(now.getTime() + REFRESH_TTL_MS),
      sealed: await seal(next, key),
    },
    now,
    REFRESH_GRACE_MS,
  );
  if (outcome.kind === "repeated") next = await open(outcome.sealed, key);
  const user = outcome.kind === "rotated" || outcome.kind === "repeated"
    ? await findUserById(deps.sql, outcome.userId)
    : undefined;
  if (!user) return { kind: outcome.kind === "reused" ? "reused" : "invalid" };
  return await issueSession(deps, user, next);
}

/**
 * How long after a refresh token is rotated presenting it again returns the same successor
 * (two tabs refreshing at once) instead of counting as reuse and closing the session.
 */
export const REFRESH_GRACE_MS = 10_000;

const successorKeys = new Map<string, Promise<string>>();

/** The AES-GCM key (base64) that seals a rotated token's successor: derived from the secret. */
function successorKey(secret: string): Promise<string> {
  let key = successorKeys.get(secret);
  if (!key) {
    key = crypto.subtle.digest("SHA-256", new TextEncoder().encode(`refresh-successor:${secret}`))
      .then((d) => btoa(String.fromCharCode(...new Uint8Array(d))));
    successorKeys.set(secret, key);
  }
  return key;
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
