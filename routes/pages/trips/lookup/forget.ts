import { ANYONE, definePage } from "../../../define_page.ts";
import { clearTripCookie, GUEST_TRIP_PATH } from "../../../trip_access.ts";

/** `POST /trips/lookup/forget`: ends this browser's access to the trip before it lapses. */
export const page = definePage({
  path: "/trips/lookup/forget",
  roles: ANYONE,
  handlers: () => ({
    POST: (c) => {
      clearTripCookie(c);
      return c.redirect(GUEST_TRIP_PATH, 303);
    },
  }),
});
