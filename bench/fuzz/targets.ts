/**
 * The endpoints a fuzz run attacks: every declared API endpoint (with the zod schemas and
 * roles its declaration validates with) and every server-rendered page the app registers,
 * plus a resolver that tells which of them a concrete request reaches.
 */
import { type Context, Hono } from "hono";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { declaredOperations } from "../../routes/declare.ts";
import { wantsPage } from "../../routes/error_page.tsx";
import type { AppEnv } from "../../routes/context.ts";
import type { Role } from "../../adapters/tokens.ts";
import type { JsonSchema } from "./schema_values.ts";

/** How a target is reached and what its answers may look like. */
export type TargetKind = "api" | "stream" | "upload" | "page" | "page-upload";

/** One endpoint under attack. */
export interface Target {
  method: string;
  /** The route pattern as registered, e.g. `/api/flights/:id`. */
  pattern: string;
  kind: TargetKind;
  /** The summary row it counts under, e.g. `api admin/flights` or `page trips`. */
  group: string;
  /** Roles the access table allows (API routes only). */
  roles?: Role[];
  segments: Segment[];
  body?: z.ZodType;
  bodyJson?: JsonSchema;
  query?: z.ZodObject;
  queryJson?: JsonSchema;
  params?: z.ZodObject;
}

/** One path segment of a pattern: a literal, or a parameter with an optional regex. */
export interface Segment {
  literal?: string;
  param?: string;
  regex?: RegExp;
}

function jsonSchema(t: z.ZodType): JsonSchema {
  return z.toJSONSchema(t, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

function segments(pattern: string): Segment[] {
  return pattern.split("/").map((seg) => {
    const m = /^:(\w+)(?:\{(.*)\})?$/.exec(seg);
    if (!m) return { literal: seg };
    return { param: m[1], regex: m[2] ? new RegExp(`^(?:${m[2]})$`) : undefined };
  });
}

function group(pattern: string, page: boolean): string {
  const words = pattern.split("/").filter((s) => s && !s.startsWith(":"));
  if (page) {
    return `page ${words[0] === "admin" ? words.slice(0, 2).join("/") : words[0] ?? "home"}`;
  }
  const rest = words[0] === "api" ? words.slice(1) : words;
  return `api ${rest[0] === "admin" ? rest.slice(0, 2).join("/") : rest[0]}`;
}

function zodOf(x: unknown): z.ZodType | undefined {
  return x instanceof z.ZodType ? x : undefined;
}

/** Every declared API endpoint, with the schemas and roles of its declaration. */
export function apiTargets(app: OpenAPIHono<AppEnv>): Target[] {
  return declaredOperations(app).map(({ method, path: pattern, roles, route }) => {
    const content = (route.request?.body?.content ?? {}) as Record<string, { schema?: unknown }>;
    const body = zodOf(content["application/json"]?.schema);
    const query = zodOf(route.request?.query) as z.ZodObject | undefined;
    const ok = route.responses[200] as { content?: Record<string, unknown> } | undefined;
    const streams = "text/event-stream" in (ok?.content ?? {});
    const kind: TargetKind = "multipart/form-data" in content
      ? "upload"
      : streams
      ? "stream"
      : "api";
    return {
      method,
      pattern,
      kind,
      group: group(pattern, false),
      roles,
      segments: segments(pattern),
      body,
      bodyJson: body ? jsonSchema(body) : undefined,
      query,
      queryJson: query ? jsonSchema(query) : undefined,
      params: zodOf(route.request?.params) as z.ZodObject | undefined,
    };
  });
}

/** Whether the app answers `path` as a page (HTML errors) rather than as the API. */
function isPagePath(path: string): boolean {
  return wantsPage({ req: { path } } as Context<AppEnv>);
}

/** Whether a request for `path` (with its query) gets HTML error pages, as the app decides. */
export function answersAsPage(path: string): boolean {
  const pathname = new URL(path, "http://localhost").pathname;
  try {
    return isPagePath(decodeURI(pathname));
  } catch {
    return isPagePath(pathname);
  }
}

/**
 * Every other route the app registered outside /api and /static (pages, and JSON probes
 * like /health), from Hono's route list.
 */
export function pageTargets(
  routes: readonly { method: string; path: string }[],
  api: readonly Target[],
): Target[] {
  const seen = new Set(api.map((t) => `${t.method} ${t.pattern}`));
  const out: Target[] = [];
  for (const { method, path } of routes) {
    const key = `${method} ${path}`;
    if (method === "ALL" || seen.has(key) || /^\/(api|static)\//.test(path)) continue;
    seen.add(key);
    const page = isPagePath(path);
    out.push({
      method,
      pattern: path,
      kind: !page
        ? "api"
        : path === "/admin/flights/upload" && method === "POST"
        ? "page-upload"
        : "page",
      group: group(path, page),
      segments: segments(path),
    });
  }
  return out;
}

/** Where a request lands: its target and the path parameters as the handler reads them. */
export interface Landing {
  target: Target;
  params: Record<string, string>;
}

/**
 * The app's own routing replayed on a bare Hono app with the same routes in the same order,
 * so path decoding, literal-before-parameter precedence and HEAD-as-GET are exactly the
 * app's: which target a request reaches (none: a 404) and with which parameters.
 */
export class RouteResolver {
  readonly #app = new Hono();
  readonly #landed = new WeakMap<Request, Landing>();

  constructor(routes: readonly { method: string; path: string }[], targets: readonly Target[]) {
    const byKey = new Map(targets.map((t) => [`${t.method} ${t.pattern}`, t]));
    for (const { method, path } of routes) {
      const target = byKey.get(`${method} ${path}`);
      if (!target) continue;
      this.#app.on(method, path, (c) => {
        this.#landed.set(c.req.raw, { target, params: c.req.param() as Record<string, string> });
        return c.body(null, 204);
      });
    }
  }

  /** The landing of `method` `path` (with its query), or undefined. */
  async resolve(method: string, path: string): Promise<Landing | undefined> {
    const req = new Request(new URL(path, "http://localhost"), { method });
    await this.#app.fetch(req);
    return this.#landed.get(req);
  }
}
