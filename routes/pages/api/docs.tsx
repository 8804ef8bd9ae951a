import { Hono } from "hono";
import { Layout } from "../../../components/Layout.tsx";
import { openApiDocument, OPERATIONS, rolesOf } from "../../openapi.ts";
import type { AppEnv } from "../../context.ts";
import { renderPage } from "../../render.tsx";

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters: { name: string; in: string; required: boolean }[];
        requestBody?: { content: { "application/json": { schema: unknown } } };
      }
    >
  >;
};

function ApiDocs({ doc }: { doc: Doc }) {
  const tags = [...new Set(OPERATIONS.map((o) => o.tag))];
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
          {OPERATIONS.filter((o) => o.tag === tag).map((o) => {
            const op = doc.paths[o.path][o.method];
            const body = op.requestBody?.content["application/json"].schema;
            return (
              <article class="api-op" key={o.method + o.path}>
                <h3>
                  <span class={`method method-${o.method}`}>{o.method.toUpperCase()}</span>{" "}
                  <code>{o.path}</code>
                </h3>
                <p>{o.summary}. Roles: {rolesOf(o).join(", ")}.</p>
                {op.parameters.length > 0 && (
                  <ul>
                    {op.parameters.map((p) => (
                      <li key={p.name}>
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

/** `GET /api/openapi.json` and the offline docs page `GET /api/docs`. */
export function apiDocsRoutes() {
  return new Hono<AppEnv>()
    .get("/openapi.json", (c) => c.json(openApiDocument()))
    .get("/docs", (c) => renderPage(c, <ApiDocs doc={openApiDocument() as Doc} />));
}
