/**
 * A page declares, in one object, its URL, who may see it and its handlers
 * (`export const page = definePage({ path, roles, handlers })`); routes/pages/mod.ts registers
 * every page, and the check here runs before each handler: a guest where sign-in is needed is
 * sent to the sign-in page (and comes back after), a signed-in user of another role gets a 403
 * page. Handlers never check roles themselves.
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import type { Role } from "../adapters/tokens.ts";
import { AppError } from "../domain/app_error.ts";
import type { PageUser } from "../components/page_context.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { pageInfo } from "./render.tsx";

/** Everyone, signed in or not. */
export const ANYONE = ["guest", "passenger", "operator", "admin"] as const;
/** Any signed-in user. */
export const SIGNED_IN = ["passenger", "operator", "admin"] as const;
/** Operators and admins. */
export const STAFF = ["operator", "admin"] as const;
/** Admins only (users and roles). */
export const ADMINS = ["admin"] as const;

/** The roles that may see a page; "guest" among them makes it public. */
export type PageRoles = readonly Role[];

/** The user a handler is given: always someone on a page that needs sign-in. */
export type UserOf<R extends PageRoles> = "guest" extends R[number] ? PageUser | undefined
  : PageUser;

/** Answers one method of a page, for a user the page's roles admitted. */
export type PageHandler<P extends string, U> = (
  c: Context<AppEnv, P>,
  user: U,
) => Response | Promise<Response>;

/** A handler, or a middleware (a rate limit) that runs before it and before the role check. */
export type PageMethod<P extends string, U> =
  | PageHandler<P, U>
  | readonly [MiddlewareHandler<AppEnv>, PageHandler<P, U>];

/** The methods of one URL: the page (GET) and the forms that post to it. */
export interface PageHandlers<P extends string, U> {
  GET?: PageMethod<P, U>;
  POST?: PageMethod<P, U>;
}

/** What a page file declares. */
export interface PageSpec<P extends string, R extends PageRoles> {
  /** The URL pattern (Hono syntax); the file's place in routes/pages/ follows it. */
  path: P;
  roles: R;
  /** The handlers, made once from the app's dependencies. */
  handlers: (deps: AppDeps) => PageHandlers<P, UserOf<R>>;
}

/** A declared page, as the aggregator and the tests see it. */
export interface Page {
  readonly path: string;
  readonly roles: PageRoles;
  readonly handlers: (deps: AppDeps) => PageHandlers<string, PageUser | undefined>;
}

/** Declares a page: its path, its roles and its handlers in one place. */
export function definePage<const P extends string, const R extends PageRoles>(
  spec: PageSpec<P, R>,
): Page {
  // Only mountPage calls the handlers, after admit() made the user what UserOf<R> promises.
  return spec as unknown as Page;
}

/** The signed-in user a page admits, undefined for a guest on a public page, or a redirect. */
export function admit(c: Context<AppEnv>, roles: PageRoles): PageUser | undefined | Response {
  const { user } = pageInfo(c);
  if (!user) {
    if (roles.includes("guest")) return undefined;
    // A form post cannot be replayed after signing in: come back to the start page instead.
    const back = c.req.method === "GET" ? c.req.path + new URL(c.req.url).search : "/";
    return c.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
  }
  if (!roles.includes(user.role)) {
    throw new AppError(403, "forbidden", { detail: "Your role may not see this page." });
  }
  return user;
}

/** Registers `page` on `app`: each method behind its middleware, then the role check. */
export function mountPage(app: Hono<AppEnv>, page: Page, deps: AppDeps): void {
  const handlers = page.handlers(deps);
  for (const method of ["GET", "POST"] as const) {
    const entry = handlers[method];
    if (!entry) continue;
    const [before, handler] = typeof entry === "function" ? [undefined, entry] : entry;
    const checked: MiddlewareHandler<AppEnv> = async (c) => {
      const user = admit(c, page.roles);
      return user instanceof Response ? user : await handler(c, user);
    };
    if (before) app.on(method, page.path, before, checked);
    else app.on(method, page.path, checked);
  }
}

/**
 * Pages in the order they must be registered: where two patterns can match one URL, the one
 * with a literal segment where the other has a parameter comes first (`/admin/flights/new`
 * before `/admin/flights/:id`), so the order of the list never matters.
 */
export function byPrecedence<T extends { path: string }>(pages: readonly T[]): T[] {
  const key = (path: string) =>
    path.split("/").map((s) => (s.startsWith(":") ? "1" : "0")).join("");
  return [...pages].sort((a, b) => {
    const ka = key(a.path), kb = key(b.path);
    return ka < kb ? -1 : ka > kb ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  });
}
