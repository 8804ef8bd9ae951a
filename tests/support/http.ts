/** A tiny cookie jar for `app.request()`: keeps Set-Cookie values and sends them back. */
export class CookieJar {
  #cookies = new Map<string, string>();

  /** Records the cookies a response set (an empty value or Max-Age=0 removes one). */
  take(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return res;
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** The Cookie header to send. */
  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** JSON request init, with an optional bearer token and extra headers. */
export function json(
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** A bearer Authorization header. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
