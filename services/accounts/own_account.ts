/** The signed-in user's own account: reading it and erasing it (the account pages, DELETE /api/me). */
import { AppError } from "../../domain/app_error.ts";
import type { User } from "../../domain/views/account.ts";
import { findUserById } from "../../db/users_repo.ts";
import { anonymizeUser } from "../../db/privacy_repo.ts";
import type { Sql } from "../../db/postgres.ts";

/** The user's own row; an erased or vanished account is told to sign in again (401). */
export async function ownAccount(sql: Sql, userId: string): Promise<User> {
  const user = await findUserById(sql, userId);
  if (!user) {
    throw new AppError(401, "unauthenticated", { detail: "This account no longer exists." });
  }
  return user;
}

/**
 * Erases the account's personal details (bookings and payments stay, anonymized) once the
 * owner typed its email address again; false, and nothing erased, when they typed another.
 */
export async function eraseOwnAccount(
  sql: Sql,
  input: { userId: string; confirm: string; now: Date; requestId?: string },
): Promise<boolean> {
  const account = await ownAccount(sql, input.userId);
  if (input.confirm.trim().toLowerCase() !== account.email.toLowerCase()) return false;
  await anonymizeUser(sql, account.id, input.now, input.requestId);
  return true;
}
