/**
 * The JSON API from an island: same-origin cookies, the CSRF header on every state change,
 * problems returned (not thrown) so the UI can show them. Browser-only.
 */

/** An RFC 9457 problem as the API sends it. */
export interface Problem {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

/** The outcome of an API call. */
export type ApiResult<T> = { ok: true; status: number; data: T } | {
  ok: false;
  status: number;
  problem: Problem;
};

/** The value of a cookie readable by scripts (ct_csrf is; the session cookies are not). */
export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/** Calls the API; non-GET requests carry X-CSRF-Token and optional extra headers. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json", ...init.headers };
  if (method !== "GET") headers["X-CSRF-Token"] = readCookie("ct_csrf") ?? "";
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      problem: { status: 0, code: "offline", title: "Offline", detail: "No connection." },
    };
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  return res.ok
    ? { ok: true, status: res.status, data: json as T }
    : { ok: false, status: res.status, problem: json as Problem };
}
