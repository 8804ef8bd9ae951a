import { getCookie } from "hono/cookie";
import { signOut } from "../../services/accounts/sessions.ts";
import { ANYONE, definePage } from "../define_page.ts";
import { clearSessionCookies, COOKIES } from "../middleware/auth.ts";

/** `POST /logout`: the header's sign-out form; the refresh token's family is revoked. */
export const page = definePage({
  path: "/logout",
  roles: ANYONE,
  handlers: (deps) => ({
    POST: async (c) => {
      const refresh = getCookie(c, COOKIES.refresh);
      if (refresh) {
        await signOut({ sql: deps.db.sql, clock: deps.clock, store: deps.store }, refresh);
      }
      clearSessionCookies(c);
      return c.redirect("/", 303);
    },
  }),
});
