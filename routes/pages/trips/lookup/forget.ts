import { ANYONE, definePage } from "../../../define_page.ts";
import {
  clearTripCookie,
  cookieGrant,
  forgetGrant,
  GUEST_TRIP_PATH,
} from "../../../trip_access.ts";

/**
 * `POST /trips/lookup/forget`: ends this browser's access to the trip before it lapses, on the
 * server too, so a copy of the cookie's token opens nothing either.
 */
export const page = definePage({
  path: "/trips/lookup/forget",
  roles: ANYONE,
  handlers: (deps) => ({
    POST: async (c) => {
      const grant = await cookieGrant(c, deps);
      if (grant) await forgetGrant(deps, grant);
      clearTripCookie(c);
      return c.redirect(GUEST_TRIP_PATH, 303);
    },
  }),
});
