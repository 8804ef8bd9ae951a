/**
 * The endpoints a fuzz run attacks: every row of the access table (with the zod schemas the
 * OpenAPI document lists for it) and every server-rendered page the app registers, plus a
 * resolver that tells which of them a concrete request reaches.
 */
import type { Context } from "hono";
import { z } from "zod";
import { ACCESS } from "../../routes/access.ts";
import { OPERATIONS } from "../../routes/openapi.ts";
import { BULK_UPLOAD_PATH } from "../../routes/api/admin_jobs.ts";
import { wantsPage } from "../../routes/error_page.tsx";
import type { AppEnv } from "../../routes/context.ts";
import type { Role } from "../../services/tokens.ts";
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

/** Every API route of the access table, with its schemas from the OpenAPI operations. */
export function apiTargets(): Target[] {
  return ACCESS.map(([method, pattern, roles]) => {
    const op = OPERATIONS.find((o) =>
      o.method.toUpperCase() === method && o.path.replace(/\{(\w+)\}/g, ":$1") === pattern
    );
    const kind: TargetKind = pattern === BULK_UPLOAD_PATH
      ? "upload"
      : op?.stream
      ? "stream"
      : "api";
    return {
      method,
      pattern,
      kind,
      group: group(pattern, false),
      roles,
      segments: segments(pattern),
      body: op?.body,
      bodyJson: op?.body ? jsonSchema(op.body) : undefined,
      query: op?.query,
      queryJson: op?.query ? jsonSchema(op.query) : undefined,
      params: op?.params,
    };
  });
}

/** Whether the app answers `path` as a page (HTML errors) rather than as the API. */
function isPage(path: string): boolean {
  return wantsPage({ req: { path } } as Context<AppEnv>);
}

/**
 * Every other route the app registered outside /api and /static (pages, and JSON probes
 * like /health), from Hono's route list.
 */
export function pageTargets(routes: readonly { method: string; path: string }[]): Target[] {
  const seen = new Set(ACCESS.map(([m, p]) => `${m} ${p}`));
  const out: Target[] = [];
  for (const { method, path } of routes) {
    const key = `${method} ${path}`;
    if (method === "ALL" || seen.has(key) || /^\/(api|static)\//.test(path)) continue;
    seen.add(key);
    const page = isPage(path);
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

/** Decodes a path segment the way a router hands it over (undecodable stays as sent). */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matches(t: Target, method: string, parts: string[]): boolean {
  return t.method === method && t.segments.length === parts.length &&
    t.segments.every((s, i) =>
      s.literal !== undefined
        ? s.literal === parts[i]
        : parts[i] !== "" && (!s.regex || s.regex.test(decodeSegment(parts[i])))
    );
}

/**
 * The target a request reaches: literal segments win over parameters, as in the app, so
 * `/api/flights/search` is never `/api/flights/:id`. Undefined: nothing (a 404).
 */
export function resolveTarget(
  targets: readonly Target[],
  method: string,
  pathname: string,
): Target | undefined {
  const parts = pathname.split("/");
  const hits = targets.filter((t) => matches(t, method, parts));
  const params = (t: Target) => t.segments.filter((s) => s.param).length;
  return hits.sort((a, b) => params(a) - params(b))[0];
}

/** The decoded parameter values of a request on `t`. */
export function paramValues(t: Target, pathname: string): Record<string, string> {
  const parts = pathname.split("/");
  return Object.fromEntries(
    t.segments.flatMap((s, i) => (s.param ? [[s.param, decodeSegment(parts[i])]] : [])),
  );
}
