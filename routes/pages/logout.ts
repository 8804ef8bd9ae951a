import { getCookie } from "hono/cookie";
import { signOut } from "../../services/accounts/sign_out.ts";
import { ANYONE, definePage } from "../define_page.ts";
import { clearSessionCookies, COOKIES } from "../middleware/auth.ts";

/** `POST /logout`: the header's sign-out form; the refresh token's family is revoked. */
export const page = definePage({
  path: "/logout",
  roles: ANYONE,
  handlers: (deps) => ({
    POST: async (c) => {
      await signOut(deps.db.sql, getCookie(c, COOKIES.refresh), deps.clock.now());
      clearSessionCookies(c);
      return c.redirect("/", 303);
    },
  }),
});
