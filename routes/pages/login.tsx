import { AppError } from "../../domain/app_error.ts";
import { checkCredentials } from "../../services/accounts/accounts.ts";
import { AuthForm } from "../../components/AuthForm.tsx";
import { isStaff } from "../../components/page_context.ts";
import { LoginBody } from "../../services/accounts/account_input.ts";
import { ANYONE, definePage } from "../define_page.ts";
import { limitOf } from "../middleware/limits.ts";
import { renderPage, safeNext } from "../render.tsx";
import { startSession } from "../session.ts";

const field = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === "string" ? form[name] as string : "";

/** `/login`: the sign-in form; staff land on the admin dashboard unless sent elsewhere. */
export const page = definePage({
  path: "/login",
  roles: ANYONE,
  handlers: (deps) => ({
    GET: (c) => renderPage(c, <AuthForm mode="login" next={safeNext(c.req.query("next"))} />),
    // One budget with /register: the "auth" limit counts both.
    POST: [
      limitOf(deps, "auth"),
      async (c) => {
        const form = await c.req.parseBody();
        const next = safeNext(form.next);
        const input = LoginBody.safeParse({
          email: field(form, "email"),
          password: field(form, "password"),
        });
        try {
          if (!input.success) {
            throw new AppError(400, "invalid_input", { detail: "Enter your email and password." });
          }
          const user = await checkCredentials(
            { ...deps, sql: deps.db.sql },
            input.data.email,
            input.data.password,
          );
          await startSession(c, deps, user);
          const home = isStaff({ id: user.id, email: user.email, role: user.role })
            ? "/admin"
            : "/";
          return c.redirect(next === "/" ? home : next, 303);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          return renderPage(
            c,
            <AuthForm mode="login" next={next} email={field(form, "email")} error={err.detail} />,
            err.status === 403 || err.status === 429 ? err.status : 401,
          );
        }
      },
    ],
  }),
});
