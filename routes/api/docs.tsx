import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { Layout } from "../../components/Layout.tsx";
import type { AppEnv } from "../context.ts";
import { ANYONE, declare, jsonResponse, router, textResponse } from "../declare.ts";
import { renderPublicPage } from "../render.tsx";

interface Operation {
  summary?: string;
  tags?: string[];
  "x-roles"?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
}

/** The OpenAPI 3.1 document, as `@hono/zod-openapi` builds it from the declarations. */
export type ApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
} & Record<string, unknown>;

const documents = new WeakMap<OpenAPIHono<AppEnv>, ApiDocument>();

/** The OpenAPI 3.1 document of every endpoint declared on `app`, built once per app. */
export function openApiDocument(app: OpenAPIHono<AppEnv>): ApiDocument {
  let doc = documents.get(app);
  if (!doc) {
    const registry = app.openAPIRegistry;
    registry.registerComponent("securitySchemes", "bearer", {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
    });
    registry.registerComponent("securitySchemes", "cookie", {
      type: "apiKey",
      in: "cookie",
      name: "ct_access",
      description: "Browser session; state changes also need X-CSRF-Token = the ct_csrf cookie.",
    });
    doc = app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "Contrail API",
        version: "1.0.0",
        description: "Flight booking and operations. Errors are RFC 9457 problem details; " +
          "`x-roles` on each operation lists the roles that may call it.",
      },
    }) as unknown as ApiDocument;
    documents.set(app, doc);
  }
  return doc;
}

function ApiDocs({ doc }: { doc: ApiDocument }) {
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op }))
  );
  const tags = [...new Set(ops.map((o) => o.op.tags?.[0] ?? "Other"))];
  return (
    <Layout title="API">
      <h1>Contrail API</h1>
      <p>
        The machine-readable document is at{" "}
        <a href="/api/openapi.json">/api/openapi.json</a>. Errors are
        <code>application/problem+json</code>; send <code>Authorization: Bearer</code> tokens from
        {" "}
        <code>/api/auth/login</code>.
      </p>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`}>{tag}</h2>
          {ops.filter((o) => (o.op.tags?.[0] ?? "Other") === tag).map(({ path, method, op }) => {
            const body = op.requestBody && Object.values(op.requestBody.content)[0]?.schema;
            const params = op.parameters ?? [];
            return (
              <article class="api-op" key={method + path}>
                <h3>
                  <span class={`method method-${method}`}>{method.toUpperCase()}</span>{" "}
                  <code>{path}</code>
                </h3>
                <p>{op.summary}. Roles: {(op["x-roles"] ?? []).join(", ")}.</p>
                {params.length > 0 && (
                  <ul>
                    {params.map((p) => (
                      <li key={p.in + p.name}>
                        <code>{p.name}</code> ({p.in}
                        {p.required ? ", required" : ""})
                      </li>
                    ))}
                  </ul>
                )}
                {body !== undefined && (
                  <details>
                    <summary>Request body schema</summary>
                    <pre>{JSON.stringify(body, null, 2)}</pre>
                  </details>
                )}
              </article>
            );
          })}
        </section>
      ))}
    </Layout>
  );
}

const docs = { tags: ["Documentation"], roles: ANYONE, method: "get" as const };

const json = declare({
  ...docs,
  path: "/api/openapi.json",
  summary: "This document (OpenAPI 3.1)",
  responses: {
    200: jsonResponse(
      "The OpenAPI document",
      z.object({ openapi: z.string(), paths: z.record(z.string(), z.object({})) }),
    ),
  },
});

const page = declare({
  ...docs,
  path: "/api/docs",
  summary: "The API reference as a page, offline",
  responses: { 200: textResponse("Every operation by tag", "text/html") },
});

/** `GET /api/openapi.json` and the offline docs page `GET /api/docs`, for the whole `app`. */
export function apiDocsRoutes(app: OpenAPIHono<AppEnv>) {
  return router()
    .openapi(json, (c) => {
      // The same for everyone until the next deploy: a client revalidates it by ETag.
      c.header("Cache-Control", "public, no-cache");
      return c.json(openApiDocument(app));
    })
    .openapi(page, (c) => renderPublicPage(c, <ApiDocs doc={openApiDocument(app)} />));
}
