import { createHash } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";

/** Roles, least to most privileged; a guest has no token. */
export const ROLES = ["guest", "passenger", "operator", "admin"] as const;
/** One of the roles. */
export type Role = (typeof ROLES)[number];

/** What an access token says about its bearer. */
export interface AccessClaims {
  sub: string;
  role: Exclude<Role, "guest">;
  email: string;
  /**
   * When the token was issued, epoch ms: set by verifyAccessToken, ignored when signing (the
   * signing time is `now`). Compared with the user's last security change
   * (services/accounts/session_epochs.ts).
   */
  issuedAtMs?: number;
}

const ISSUER = "contrail";
const AUDIENCE = "contrail-api";
/** Access tokens are short-lived: 15 minutes. */
export const ACCESS_TTL_SECONDS = 15 * 60;
/** How far a token's issue time may be ahead of this server's clock. */
const CLOCK_SKEW_MS = 60_000;
/** Refresh tokens last 30 days unless rotated or revoked. */
export const REFRESH_TTL_MS = 30 * 24 * 3600_000;

// Imported once per secret: given raw bytes, jose imports the HMAC key on every call, a
// measurable part of a request that verifies a token.
const keys = new Map<string, Promise<CryptoKey>>();
function key(secret: string): Promise<CryptoKey> {
  let k = keys.get(secret);
  if (!k) {
    k = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keys.set(secret, k);
  }
  return k;
}

/** Signs a short-lived HS256 access token. */
export async function signAccessToken(
  claims: AccessClaims,
  secret: string,
  now = new Date(),
): Promise<string> {
  // `iat` keeps milliseconds (a NumericDate may be fractional, RFC 7519 §2): a token signed
  // in the same second as a role change or a disabling must still be told apart from it.
  const iat = now.getTime() / 1000;
  return await new SignJWT({ role: claims.role, email: claims.email })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(Math.floor(iat) + ACCESS_TTL_SECONDS)
    .sign(await key(secret));
}

/** Verified tokens, so a client's repeated requests pay for one HMAC check, not one each. */
const verified = new Map<string, { secret: string; claims: AccessClaims; expMs: number }>();
const MAX_VERIFIED = 20_000;

/** The claims of a valid access token, or undefined (bad signature, expired, malformed). */
export async function verifyAccessToken(
  token: string,
  secret: string,
  now = new Date(),
): Promise<AccessClaims | undefined> {
  const hit = verified.get(token);
  if (hit && hit.secret === secret) {
    if (now.getTime() < hit.expMs) return hit.claims;
    verified.delete(token);
  }
  try {
    const { payload } = await jwtVerify(token, await key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      currentDate: now,
      requiredClaims: ["exp", "iat", "sub"],
    });
    // A token must say when it ends, may not live longer than this server issues them for,
    // and may not claim to be issued in the future.
    const iat = payload.iat!, exp = payload.exp!;
    if (exp - iat > ACCESS_TTL_SECONDS + 1 || iat * 1000 > now.getTime() + CLOCK_SKEW_MS) {
      return undefined;
    }
    const role = payload.role;
    if (typeof payload.sub !== "string" || typeof payload.email !== "string") return undefined;
    if (role !== "passenger" && role !== "operator" && role !== "admin") return undefined;
    const claims: AccessClaims = {
      sub: payload.sub,
      role,
      email: payload.email,
      issuedAtMs: Math.round((payload.iat ?? 0) * 1000),
    };
    if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
    verified.set(token, { secret, claims, expMs: (payload.exp ?? 0) * 1000 });
    return claims;
  } catch {
    return undefined;
  }
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

/** A new opaque random token (refresh tokens, CSRF tokens): 256 bits, base64url. */
export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** SHA-256 of a token, hex: refresh tokens are stored only like this. */
export function hashToken(token: string): Promise<string> {
  // node:crypto hashes synchronously: on every idempotent request this is a quarter of what
  // crypto.subtle costs (no promise round trip through the runtime, no hex loop in JS).
  return Promise.resolve(createHash("sha256").update(token).digest("hex"));
}

/** Compares two strings in time that depends only on their length. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const TRIP_AUDIENCE = "contrail-trip";
/** A guest's access to one trip, granted by its PNR and a surname, lasts 30 minutes. */
export const TRIP_TTL_SECONDS = 30 * 60;

/** What a valid trip token says: the booking it grants, and which grant it is. */
export interface TripClaims {
  bookingId: string;
  /** The grant's own id (`jti`): "Forget this trip" revokes this one grant. */
  jti: string;
  /** When it was issued, epoch ms: a cancellation refuses every grant issued before it. */
  issuedAtMs: number;
  /** When it lapses, epoch ms: a revocation need not be kept longer than this. */
  expiresAtMs: number;
}

/**
 * Signs a guest's access to one booking (HS256, its own audience, so it never passes for an
 * access token and an access token never passes for it), with a fresh grant id.
 */
export async function signTripToken(
  bookingId: string,
  secret: string,
  now = new Date(),
): Promise<string> {
  // `iat` keeps milliseconds, as for access tokens: a grant opened in the same second as a
  // cancellation, but after it, must still be told apart from the grants it ended.
  const iat = now.getTime() / 1000;
  return await new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(bookingId)
    .setJti(crypto.randomUUID())
    .setIssuer(ISSUER)
    .setAudience(TRIP_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(Math.floor(iat) + TRIP_TTL_SECONDS)
    .sign(await key(secret));
}

/**
 * What a valid trip token grants, or undefined (bad, expired, without a grant id, or another
 * kind). Whether the grant was revoked since is services/trips/trip_grants.ts's question.
 */
export async function verifyTripToken(
  token: string,
  secret: string,
  now = new Date(),
): Promise<TripClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, await key(secret), {
      issuer: ISSUER,
      audience: TRIP_AUDIENCE,
      algorithms: ["HS256"],
      currentDate: now,
      requiredClaims: ["exp", "iat", "sub", "jti"],
    });
    const iat = payload.iat!, exp = payload.exp!;
    if (exp - iat > TRIP_TTL_SECONDS || iat * 1000 > now.getTime() + CLOCK_SKEW_MS) {
      return undefined;
    }
    if (typeof payload.sub !== "string" || typeof payload.jti !== "string") return undefined;
    return {
      bookingId: payload.sub,
      jti: payload.jti,
      issuedAtMs: Math.round(iat * 1000),
      expiresAtMs: exp * 1000,
    };
  } catch {
    return undefined;
  }
}
