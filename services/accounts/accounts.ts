import { AppError } from "../../domain/app_error.ts";
import { passwordProblem } from "../../domain/password_policy.ts";
import { createUser, findUserForLogin, type User } from "../../db/users_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { hashPassword, verifyPassword } from "../../adapters/password.ts";
import { randomToken } from "../../adapters/tokens.ts";

let dummyHash: Promise<string> | undefined;

/**
 * The user behind an email and password, or 401 `invalid_credentials` / 403
 * `account_disabled`. An unknown email is hashed against too, so the answer takes as long
 * either way and says the same.
 */
export async function checkCredentials(sql: Sql, email: string, password: string): Promise<User> {
  const found = await findUserForLogin(sql, email);
  dummyHash ??= hashPassword(randomToken());
  const hash = found?.passwordHash ?? await dummyHash;
  const ok = await verifyPassword(password, hash);
  if (!found || !found.passwordHash || !ok) {
    throw new AppError(401, "invalid_credentials", { detail: "Email or password is wrong." });
  }
  if (found.user.disabled) {
    throw new AppError(403, "account_disabled", { detail: "This account is disabled." });
  }
  return found.user;
}

/** A new passenger account, or 400 `weak_password` / 409 `email_taken`. */
export async function registerPassenger(
  sql: Sql,
  input: { email: string; password: string; name: string },
): Promise<User> {
  const problem = passwordProblem(input.password, input.email);
  if (problem) {
    throw new AppError(400, "weak_password", {
      detail: problem,
      errors: [{ path: "password", message: problem }],
    });
  }
  const user = await createUser(sql, {
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
  });
  if (!user) {
    throw new AppError(409, "email_taken", { detail: "This email is already registered." });
  }
  return user;
}
