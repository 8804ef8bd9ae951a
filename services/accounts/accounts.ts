import { AppError } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Store } from "../../adapters/store.ts";
import { type NotifierDeps, notifyUser } from "../../notifications/notifier.ts";
import {
  clearLoginFailures,
  countLoginFailure,
  LOGIN_FAILURE_WINDOW_MS,
  LOGIN_FREE_FAILURES,
  refuseWhileThrottled,
} from "./login_throttle.ts";
import { passwordProblem } from "../../domain/password_policy.ts";
import { createUser, findUserForLogin, type User } from "../../db/users_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { hashPassword, verifyPassword } from "../../adapters/password.ts";
import { randomToken } from "../../adapters/tokens.ts";

let dummyHash: Promise<string> | undefined;

/** What signing in needs: the accounts, the throttle's store and clock, and the notifier. */
export interface LoginDeps {
  sql: Sql;
  store: Store;
  clock: Clock;
  notifier: NotifierDeps;
}

/**
 * The user behind an email and password, or 401 `invalid_credentials` / 403
 * `account_disabled` / 429 `login_throttled`. An unknown email is hashed against too, so the
 * answer takes as long either way and says the same. Wrong passwords are counted per account
 * (whatever the address they come from): past a few, each attempt waits a growing, capped
 * time, and the account holder is told once.
 */
export async function checkCredentials(
  deps: LoginDeps,
  email: string,
  password: string,
): Promise<User> {
  const now = deps.clock.now().getTime();
  await refuseWhileThrottled(deps.store, email, now);
  const found = await findUserForLogin(deps.sql, email);
  dummyHash ??= hashPassword(randomToken());
  const hash = found?.passwordHash ?? await dummyHash;
  const ok = await verifyPassword(password, hash);
  if (!found || !found.passwordHash || !ok) {
    const failures = await countLoginFailure(deps.store, email, now);
    if (failures === LOGIN_FREE_FAILURES && found) {
      await notifyUser(deps.notifier, {
        userId: found.user.id,
        kind: "sign_in_alert",
        title: "Someone is trying to sign in to your account",
        body: `${failures} wrong passwords were tried for your account in a short time. ` +
          "Each further attempt now has to wait a little. If this was not you, your account is " +
          "safe as long as your password is; consider changing it.",
        dedupeKey: `sign_in_alert:${found.user.id}:${Math.floor(now / LOGIN_FAILURE_WINDOW_MS)}`,
        email: { payload: {} },
      });
    }
    throw new AppError(401, "invalid_credentials", { detail: "Email or password is wrong." });
  }
  await clearLoginFailures(deps.store, email);
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
