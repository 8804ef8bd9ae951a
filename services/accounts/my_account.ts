/** The signed-in user's own account: reading it, exporting it and erasing it (GDPR). */
import { AppError } from "../../domain/app_error.ts";
import type { Clock } from "../../domain/clock.ts";
import { anonymizeUser, exportUserData } from "../../db/privacy_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { findUserById } from "../../db/users_repo.ts";
import type { Actor } from "../actor.ts";
import type { Store } from "../../adapters/store.ts";
import { sessionEpochs } from "./session_epochs.ts";
import { endTripGrants } from "../trips/trip_grants.ts";

/** What the account owner's own use cases need. */
export interface MyAccountDeps {
  sql: Sql;
  clock: Clock;
  store: Store;
}

/** The signed-in user, or 401 when the account behind the token is gone. */
export async function whoAmI(deps: Pick<MyAccountDeps, "sql">, actor: Actor) {
  const user = actor.userId && await findUserById(deps.sql, actor.userId);
  if (!user) {
    throw new AppError(401, "unauthenticated", { detail: "This account no longer exists." });
  }
  return user;
}

/** Everything held about the signed-in user (GDPR access), stamped with the time. */
export async function exportMyData(deps: MyAccountDeps, actor: Actor) {
  const user = await whoAmI(deps, actor);
  const data = await exportUserData(deps.sql, user.id);
  return { userId: user.id, export: { exportedAt: deps.clock.now().toISOString(), ...data } };
}

/**
 * Erases the signed-in user's personal data (GDPR erasure); bookings and payments stay,
 * anonymized. With `confirm` (the account page's form), only when it is the account's email
 * address typed again: false, and nothing erased, when it is another.
 */
export async function eraseMe(
  deps: MyAccountDeps,
  actor: Actor,
  confirm?: string,
): Promise<boolean> {
  const user = await whoAmI(deps, actor);
  if (confirm !== undefined && confirm.trim().toLowerCase() !== user.email.toLowerCase()) {
    return false;
  }
  const now = deps.clock.now();
  const bookings = await anonymizeUser(deps.sql, user.id, now, actor.requestId);
  // Every token of the account dies now, not when it would have expired.
  await sessionEpochs(deps.store).bump(user.id, now.getTime(), true);
  // So do guests' grants to its bookings: the surnames that opened them are gone.
  await endTripGrants(deps.store, bookings, now.getTime());
  return true;
}
