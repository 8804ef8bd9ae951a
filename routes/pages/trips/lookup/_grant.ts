/** The guest's trip pages start here: the grant in the browser's cookie, or back to the form. */
import type { Context } from "hono";
import type { AppDeps, AppEnv } from "../../../context.ts";
import { cookieTrip, GUEST_TRIP_PATH } from "../../../trip_access.ts";

/** Runs `then` with the booking the browser's trip cookie grants; without one, to the form. */
export async function withGrant(
  c: Context<AppEnv>,
  deps: AppDeps,
  then: (bookingId: string) => Promise<Response>,
): Promise<Response> {
  const id = await cookieTrip(c, deps);
  if (!id) return c.redirect(`${GUEST_TRIP_PATH}?expired`, 303);
  return await then(id);
}
