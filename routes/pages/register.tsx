import { AppError } from "../../domain/app_error.ts";
import { registerPassenger } from "../../services/accounts/accounts.ts";
import { AuthForm } from "../../components/AuthForm.tsx";
import { RegisterBody } from "../../services/accounts/account_input.ts";
import { ANYONE, definePage } from "../define_page.ts";
import { limitOf } from "../middleware/limits.ts";
import { renderPage, safeNext } from "../render.tsx";
import { startSession } from "../session.ts";

const field = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === "string" ? form[name] as string : "";

/** `/register`: the sign-up form for passengers; signed in at once, then sent on. */
export const page = definePage({
  path: "/register",
  roles: ANYONE,
  handlers: (deps) => ({
    GET: (c) => renderPage(c, <AuthForm mode="register" next={safeNext(c.req.query("next"))} />),
    // One budget with /login: the "auth" limit counts both.
    POST: [
      limitOf(deps, "auth"),
      async (c) => {
        const form = await c.req.parseBody();
        const next = safeNext(form.next);
        const values = {
          email: field(form, "email"),
          password: field(form, "password"),
          name: field(form, "name"),
        };
        const input = RegisterBody.safeParse(values);
        try {
          if (!input.success) {
            throw new AppError(400, "invalid_input", {
              detail: input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
            });
          }
          const user = await registerPassenger(deps.db.sql, input.data);
          await startSession(c, deps, user);
          return c.redirect(next, 303);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          return renderPage(
            c,
            <AuthForm
              mode="register"
              next={next}
              email={values.email}
              name={values.name}
              error={err.detail}
            />,
            err.status === 409 ? 409 : 400,
          );
        }
      },
    ],
  }),
});
