import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { AppError } from "../../domain/app_error.ts";
import { revokeRefreshFamily } from "../../db/users_repo.ts";
import { checkCredentials, registerPassenger } from "../../services/accounts/accounts.ts";
import { hashToken } from "../../adapters/tokens.ts";
import { CsrfField, Layout } from "../../components/Layout.tsx";
import { isStaff } from "../../components/page_context.ts";
import { LoginBody, RegisterBody } from "../../services/accounts/account_input.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { clearSessionCookies, COOKIES } from "../middleware/auth.ts";
import { rateLimit } from "../middleware/rate_limit.ts";
import { renderPage, safeNext } from "../render.tsx";
import { startSession } from "../session.ts";

interface FormProps {
  mode: "login" | "register";
  next: string;
  email?: string;
  name?: string;
  error?: string;
}

function AuthForm({ mode, next, email, name, error }: FormProps) {
  const login = mode === "login";
  const title = login ? "Sign in" : "Create an account";
  return (
    <Layout title={title}>
      <section class="auth-card" aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {error && <p class="form-error" role="alert" id="auth-error">{error}</p>}
        <form method="post" action={login ? "/login" : "/register"} class="stack">
          <CsrfField />
          <input type="hidden" name="next" value={next} />
          {!login && (
            <label>
              Your name
              <input name="name" autocomplete="name" required maxLength={100} value={name ?? ""} />
            </label>
          )}
          <label>
            Email
            <input
              name="email"
              type="email"
              autocomplete="email"
              required
              value={email ?? ""}
              aria-describedby={error ? "auth-error" : undefined}
            />
          </label>
          <label>
            Password
            <input
              name="password"
              type="password"
              autocomplete={login ? "current-password" : "new-password"}
              required
              minLength={login ? 1 : 10}
            />
          </label>
          {!login && <p class="hint">At least 10 characters; not a common password.</p>}
          <button type="submit">{title}</button>
        </form>
        <p>
          {login
            ? <a href={`/register?next=${encodeURIComponent(next)}`}>New here? Create an account</a>
            : <a href={`/login?next=${encodeURIComponent(next)}`}>Have an account? Sign in</a>}
        </p>
      </section>
    </Layout>
  );
}

const field = (form: Record<string, unknown>, name: string) =>
  typeof form[name] === "string" ? form[name] as string : "";

/** `/login`, `/register`, `/logout`: plain forms that work without JavaScript. */
export function authPages(deps: AppDeps) {
  const limited = rateLimit({ store: deps.store, name: "auth", limit: 20, windowMs: 60_000 });
  return new Hono<AppEnv>()
    .get(
      "/login",
      (c) => renderPage(c, <AuthForm mode="login" next={safeNext(c.req.query("next"))} />),
    )
    .get(
      "/register",
      (c) => renderPage(c, <AuthForm mode="register" next={safeNext(c.req.query("next"))} />),
    )
    .post("/login", limited, async (c) => {
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
        const user = await checkCredentials(deps.db.sql, input.data.email, input.data.password);
        await startSession(c, deps, user);
        const home = isStaff({ id: user.id, email: user.email, role: user.role }) ? "/admin" : "/";
        return c.redirect(next === "/" ? home : next, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return renderPage(
          c,
          <AuthForm mode="login" next={next} email={field(form, "email")} error={err.detail} />,
          err.status === 403 ? 403 : 401,
        );
      }
    })
    .post("/register", limited, async (c) => {
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
    })
    .post("/logout", async (c) => {
      const presented = getCookie(c, COOKIES.refresh);
      if (presented) {
        await revokeRefreshFamily(deps.db.sql, await hashToken(presented), deps.clock.now());
      }
      clearSessionCookies(c);
      return c.redirect("/", 303);
    });
}
