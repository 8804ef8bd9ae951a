/**
 * One declaration per endpoint: `declare({ method, path, roles, request, responses, ... })`
 * gives the `@hono/zod-openapi` route that `router().openapi(route, handler)` registers. From
 * that one object come the input validation (failures as 400 problems), the role check (401
 * for a guest, 403 for another role) and the endpoint's OpenAPI operation (`x-roles`,
 * `security`, a problem+json `default` response).
 */
import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { AppError, invalidInput } from "../domain/app_error.ts";
import type { Role } from "../adapters/tokens.ts";
import type { AppEnv } from "./context.ts";
import { fieldProblems } from "./problem.ts";

/** Everyone, signed in or not. */
export const ANYONE: readonly Role[] = ["guest", "passenger", "operator", "admin"];
/** Any signed-in user. */
export const SIGNED_IN: readonly Role[] = ["passenger", "operator", "admin"];
/** Operators and admins. */
export const STAFF: readonly Role[] = ["operator", "admin"];
/** Admins only. */
export const ADMIN: readonly Role[] = ["admin"];

/** RFC 9457 problem details, as `problemResponse` writes them. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string().meta({ description: "Stable for clients, e.g. invalid_input." }),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
}).openapi("Problem");

const PROBLEM_RESPONSE = {
  description: "A problem (RFC 9457)",
  content: { "application/problem+json": { schema: Problem } },
};

/** What `declare` takes: a `createRoute` config plus who may call it. */
export type Declaration = RouteConfig & {
  /** The roles allowed; everyone else is refused before any input is read. */
  roles: readonly Role[];
  /**
   * Wraps the role check, for an endpoint with a credential of its own that stands in for
   * it (the scraper token of `/metrics`); the wrapper must call the check otherwise.
   */
  guard?: (check: MiddlewareHandler<AppEnv>) => MiddlewareHandler<AppEnv>;
};

/** Bearer token or browser session (see components.securitySchemes). */
const SIGNED_IN_SECURITY: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];

/** Refuses a caller whose role is not listed: 401 for a guest, 403 for anyone else. */
export function requireRoles(roles: readonly Role[]): MiddlewareHandler<AppEnv> {
  return async function requireRolesMiddleware(c, next) {
    const role = c.get("principal")?.role ?? "guest";
    if (!roles.includes(role)) {
      if (role === "guest") {
        throw new AppError(401, "unauthenticated", {
          detail: "Sign in to do this.",
          headers: { "WWW-Authenticate": "Bearer" },
        });
      }
      throw new AppError(403, "forbidden", { detail: "Your role may not do this." });
    }
    await next();
  };
}

const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/**
 * `@hono/zod-openapi` answers 415 to a JSON endpoint's body sent under another Content-Type
 * (or none); the API has always validated such a request as the empty object `{}` instead
 * (400 listing the missing fields). This keeps that answer.
 */
const jsonBodyAsBefore: MiddlewareHandler<AppEnv> = async function jsonBodyAsBefore(c, next) {
  const type = c.req.header("content-type");
  if (type === undefined || !JSON_TYPE.test(type)) {
    const headers = new Headers(c.req.raw.headers);
    headers.set("content-type", "application/json");
    headers.delete("content-length"); // the original body's, not this one's
    c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers, body: "{}" });
  }
  await next();
};

let checkingResponses = false;

/**
 * Makes every declared endpoint check its JSON answer against the schema it documents for
 * that status (the tests turn this on): an answer that does not match becomes a 500 problem
 * naming the fields, so the OpenAPI document cannot drift from what the API sends.
 */
export function checkResponsesAgainstDeclarations(on: boolean): void {
  checkingResponses = on;
}

type ResponseSchemas = Record<string, { content?: Record<string, { schema?: unknown }> }>;

function responseCheck(responses: ResponseSchemas): MiddlewareHandler<AppEnv> {
  return async function responseCheckMiddleware(c, next) {
    await next();
    if (!checkingResponses) return;
    const schema = responses[String(c.res.status)]?.content?.["application/json"]?.schema;
    if (!(schema instanceof z.ZodType)) return;
    if (!c.res.headers.get("content-type")?.startsWith("application/json")) return;
    const parsed = schema.safeParse(await c.res.clone().json());
    if (parsed.success) return;
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    c.get("log")?.error("response does not match its declared schema", { problems });
    c.res = new Response(
      JSON.stringify({
        type: "about:blank",
        title: "Response does not match its declaration",
        status: 500,
        code: "response_schema_mismatch",
        detail: problems.slice(0, 10).join("; "),
      }),
      { status: 500, headers: { "content-type": "application/problem+json" } },
    );
  };
}

function hasRequiredJsonBody(route: RouteConfig): boolean {
  const body = route.request?.body;
  return !!body && body.required !== false && "application/json" in body.content;
}

function asArray<T>(m: T | T[] | undefined): T[] {
  return m === undefined ? [] : Array.isArray(m) ? m : [m];
}

/** The `@hono/zod-openapi` route of one endpoint, with its role check and documentation. */
export function declare<const D extends Declaration>(declaration: D) {
  const { roles, guard, ...route } = declaration as Declaration;
  const check = requireRoles(roles);
  const route_ = {
    ...route,
    "x-roles": [...roles],
    security: roles.includes("guest") ? [{}, ...SIGNED_IN_SECURITY] : SIGNED_IN_SECURITY,
    middleware: [
      responseCheck(route.responses as ResponseSchemas),
      guard ? guard(check) : check,
      ...(hasRequiredJsonBody(route) ? [jsonBodyAsBefore] : []),
      ...asArray(route.middleware as MiddlewareHandler<AppEnv> | MiddlewareHandler<AppEnv>[]),
    ],
    responses: { ...route.responses, default: PROBLEM_RESPONSE },
  };
  return createRoute(route_ as RouteConfig) as unknown as
    & Omit<D, "roles" | "guard" | "middleware">
    & {
      middleware: MiddlewareHandler<AppEnv>[];
      "x-roles": Role[];
      getRoutingPath(): string;
    };
}

/** A feature's router: invalid input on any declared endpoint becomes a 400 problem. */
export function router(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(fieldProblems(result.error.issues));
    },
  });
}

/** A lenient header, documented; the handler checks it and answers with its own code. */
export function documentedHeader(description: string, required = false) {
  return z.string().optional().openapi({ description, param: { required } });
}

/** One declared endpoint as mounted: Hono's method and path pattern, and its roles. */
export interface DeclaredOperation {
  method: string;
  /** As Hono routes it, e.g. `/api/flights/:id`. */
  path: string;
  roles: Role[];
  route: RouteConfig & { "x-roles"?: Role[] };
}

/** Every endpoint declared on `app` (and the routers mounted on it), in mounting order. */
export function declaredOperations(app: OpenAPIHono<AppEnv>): DeclaredOperation[] {
  return app.openAPIRegistry.definitions.flatMap((d) => {
    if (d.type !== "route") return [];
    const route = d.route as DeclaredOperation["route"];
    return [{
      method: route.method.toUpperCase(),
      path: route.path.replace(/\{(\w+)\}/g, ":$1"),
      roles: route["x-roles"] ?? [],
      route,
    }];
  });
}

/** A required JSON request body validated by `schema`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } } as const;
}

/** A JSON response documented and (under test) checked by `schema`. */
export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } } as const;
}

/** A response with a body of `mediaType` that is not JSON (a stream, a file, text). */
export function textResponse(description: string, mediaType: string) {
  return { description, content: { [mediaType]: { schema: { type: "string" as const } } } };
}
