import { CsrfField, Layout } from "./Layout.tsx";

/** Props of AuthForm. */
export interface AuthFormProps {
  mode: "login" | "register";
  next: string;
  email?: string;
  name?: string;
  error?: string;
}

/** The sign-in and sign-up form: plain HTML that works without JavaScript. */
export function AuthForm({ mode, next, email, name, error }: AuthFormProps) {
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
