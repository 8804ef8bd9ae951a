/**
 * Who a fuzz request claims to be: real tokens for each role, and the tokens an attacker
 * would try (forged, expired, alg=none, tampered, wrong audience, a deleted user's).
 */
import { SignJWT } from "jose";
import { signAccessToken } from "../../adapters/tokens.ts";
import type { Rng } from "./rng.ts";

/** A signed-in role of the seeded data. */
export type StaffRole = "passenger" | "operator" | "admin";

/** The seeded users the run signs tokens for. */
export type Identities = Record<StaffRole, { id: string; email: string }>;

/** Kinds of bad bearer token; every one of them must be refused with a 401. */
export const BAD_TOKENS = [
  "forged",
  "expired",
  "alg-none",
  "tampered",
  "wrong-audience",
  "garbage",
  "empty",
  "basic",
] as const;
/** One kind of bad bearer token. */
export type BadToken = (typeof BAD_TOKENS)[number];

function b64url(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The tokens of one stretch of the run, signed at the run clock's current time. */
export interface TokenSet {
  valid: Record<StaffRole, string>;
  bad: Record<BadToken, string>;
  /** Validly signed, for a user id that does not exist (an erased account's last token). */
  ghost: string;
}

/** Signs every token the generator may use, as of `now`. */
export async function signTokens(
  ids: Identities,
  secret: string,
  now: Date,
): Promise<TokenSet> {
  const sign = (role: StaffRole, at = now, key = secret) =>
    signAccessToken({ sub: ids[role].id, role, email: ids[role].email }, key, at);
  const valid = {
    passenger: await sign("passenger"),
    operator: await sign("operator"),
    admin: await sign("admin"),
  };
  const [header, , signature] = valid.passenger.split(".");
  const iat = Math.floor(now.getTime() / 1000);
  const adminClaims = {
    sub: ids.admin.id,
    role: "admin",
    email: ids.admin.email,
    iss: "contrail",
    aud: "contrail-api",
    iat,
    exp: iat + 900,
  };
  const wrongAudience = await new SignJWT({ role: "admin", email: ids.admin.email })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(ids.admin.id)
    .setIssuer("contrail")
    .setAudience("someone-else")
    .setIssuedAt(iat)
    .setExpirationTime(iat + 900)
    .sign(new TextEncoder().encode(secret));
  const bad: Record<BadToken, string> = {
    forged: await sign("admin", now, "not-the-secret-0123456789-0123456789"),
    expired: await sign("admin", new Date(now.getTime() - 16 * 60_000)),
    "alg-none": `${b64url('{"alg":"none","typ":"JWT"}')}.${b64url(JSON.stringify(adminClaims))}.`,
    tampered: `${header}.${b64url(JSON.stringify(adminClaims))}.${signature}`,
    "wrong-audience": wrongAudience,
    garbage: "' OR 1=1--",
    empty: "",
    basic: "",
  };
  const ghost = await signAccessToken(
    { sub: crypto.randomUUID(), role: "admin", email: "ghost@example.test" },
    secret,
    now,
  );
  return { valid, bad, ghost };
}

/** The Authorization header for a bad token of `kind`. */
export function badAuthorization(tokens: TokenSet, kind: BadToken, rng: Rng): string {
  if (kind === "basic") return `Basic ${btoa("admin@contrail.test:contrail-demo")}`;
  if (kind === "empty") return rng.pick(["Bearer ", "Bearer", "bearer x y", ""]);
  return `Bearer ${tokens.bad[kind]}`;
}
