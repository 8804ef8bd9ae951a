import type { Database } from "../../db/postgres.ts";
import type { TestApp } from "./app.ts";
import { PageClient } from "./pages.ts";
import { staffHeaders } from "./staff.ts";

/** A page client signed in as a new user with `role` (the access token in its cookie jar). */
export async function staffPages(
  t: TestApp,
  db: Database,
  role: "operator" | "admin" | "passenger" = "operator",
): Promise<PageClient> {
  const { headers } = await staffHeaders(t, db, role);
  const token = headers.Authorization.replace(/^Bearer /, "");
  const client = new PageClient(t.app);
  client.jar.take(new Response(null, { headers: { "Set-Cookie": `ct_access=${token}; Path=/` } }));
  return client;
}

/** Posts a form with repeated names (checkboxes) the way a browser does, with `_csrf`. */
export async function postForm(
  t: TestApp,
  client: PageClient,
  path: string,
  fields: [string, string][],
): Promise<Response> {
  if (!client.jar.get("ct_csrf")) await client.get("/login");
  const body = new URLSearchParams([["_csrf", client.jar.get("ct_csrf") ?? ""], ...fields]);
  return client.jar.take(
    await t.app.request(path, {
      method: "POST",
      headers: {
        Cookie: client.jar.header(),
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body,
    }),
  );
}
