import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { PAGES } from "../../routes/pages/mod.ts";
import { byPrecedence, type Page } from "../../routes/define_page.ts";
import { ROLES, signAccessToken } from "../../adapters/tokens.ts";
import { testOnEachBackend } from "../support/db.ts";
import { testApp } from "../support/app.ts";

const PAGES_DIR = fileURLToPath(new URL("../../routes/pages/", import.meta.url));
// Served with the API (bearer auth, its row in routes/access.ts), so mounted by routes/app.ts.
const MOUNTED_ELSEWHERE = new Set(["api/docs.tsx"]);

/** Page files under routes/pages: not the aggregator, not `_` helpers. */
function pageFiles(dir = PAGES_DIR): string[] {
  const found: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (e.name.startsWith("_")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory) found.push(...pageFiles(path));
    else if (/\.tsx?$/.test(e.name)) found.push(relative(PAGES_DIR, path));
  }
  return found.filter((f) => f !== "mod.ts" && !MOUNTED_ELSEWHERE.has(f)).sort();
}

/** The URL a file stands for: `trips/[bookingId]/index.tsx` → `/trips/:bookingId`. */
function urlOf(file: string): string {
  const path = file.replace(/\.tsx?$/, "").replace(/(^|\/)index$/, "");
  return `/${path.replace(/\[(\w+)\]/g, ":$1")}`;
}

/** A page's path without its parameters' patterns: `:id{[0-9a-f]…}` → `:id`. */
function plainPath(path: string): string {
  return path.replace(/(:\w+)\{[^/]*\}/g, "$1");
}

Deno.test("pages: each page file is registered once and its path follows the file's place", async () => {
  const files = pageFiles();
  const registered = new Set<Page>(PAGES);
  assert.equal(registered.size, PAGES.length, "a page is listed twice");
  for (const file of files) {
    const { page } = await import(join(PAGES_DIR, file));
    assert.ok(page, `routes/pages/${file} exports no page`);
    assert.ok(registered.has(page), `routes/pages/${file} is missing from PAGES (mod.ts)`);
    assert.equal(plainPath(page.path), urlOf(file), `routes/pages/${file}`);
  }
  assert.equal(files.length, PAGES.length, "PAGES lists a page that has no file of its own");
});

Deno.test("pages: a URL with pages below it is its folder's index, never a file beside the folder", () => {
  for (const file of pageFiles()) {
    const stem = file.replace(/\.tsx?$/, "");
    if (stem.endsWith("index")) continue;
    const folder = join(PAGES_DIR, stem);
    assert.throws(() => Deno.statSync(folder), `routes/pages/${stem}/ beside ${file}`);
  }
});

Deno.test("pages: every page declares who may see it", () => {
  for (const page of PAGES) {
    assert.ok(page.roles.length > 0, `${page.path} declares no roles`);
    for (const role of page.roles) assert.ok(ROLES.includes(role), `${page.path}: ${role}`);
  }
});

Deno.test("pages: registration order does not depend on the list's order", () => {
  const paths = (pages: readonly Page[]) => byPrecedence(pages).map((p) => p.path);
  assert.deepEqual(paths([...PAGES].reverse()), paths(PAGES));
  const order = paths(PAGES);
  assert.ok(
    order.indexOf("/admin/aircraft-types/new") < order.indexOf("/admin/aircraft-types/:code"),
  );
  assert.ok(order.indexOf("/trips/lookup") < order.indexOf("/trips/:bookingId"));
});

const CSRF = "page-roles-test-csrf-token-0123456789";

// Every page × each method × each role: a guest where sign-in is needed goes to the sign-in
// page (back to a GET's own URL), a signed-in role not declared gets the 403 page, a declared
// role gets past the check whatever the handler then says of the (empty) input.
testOnEachBackend(
  "pages: each page × method × role is let in or turned away as it declares",
  async (db) => {
    const t = await testApp(db);
    try {
      const cookies: Record<string, string> = { guest: `ct_csrf=${CSRF}` };
      for (const role of ["passenger", "operator", "admin"] as const) {
        const [user] = await db.sql`
        INSERT INTO users (email, name, role)
        VALUES (${`${role}@example.test`}, ${role}, ${role}) RETURNING id`;
        const token = await signAccessToken(
          { sub: user.id, role, email: `${role}@example.test` },
          t.deps.config.jwtSecret!,
          t.clock.now(),
        );
        cookies[role] = `ct_csrf=${CSRF}; ct_access=${token}`;
      }
      let checked = 0;
      for (const page of PAGES) {
        const path = page.path.replace(/:\w+(\{[^/]*\})?/g, () => crypto.randomUUID());
        const methods = Object.keys(page.handlers(t.deps));
        assert.ok(methods.length > 0, `${page.path} has no handlers`);
        for (const method of methods) {
          for (const role of ROLES) {
            const res = await t.app.request(path, {
              method,
              headers: {
                Cookie: cookies[role],
                ...(method === "POST"
                  ? { "Content-Type": "application/x-www-form-urlencoded" }
                  : {}),
              },
              body: method === "POST" ? new URLSearchParams({ _csrf: CSRF }) : undefined,
            });
            const body = await res.text();
            const where = `${method} ${page.path} as ${role}`;
            const toLogin = res.status === 303 &&
              res.headers.get("location")?.startsWith("/login?next=");
            const forbidden = res.status === 403 &&
              body.includes("Your role may not see this page.");
            if (page.roles.includes(role)) {
              assert.ok(!toLogin && !forbidden, `${where} was turned away (${res.status})`);
            } else if (role === "guest") {
              const back = method === "GET" ? path : "/";
              assert.equal(res.status, 303, where);
              assert.equal(res.headers.get("location"), `/login?next=${encodeURIComponent(back)}`);
            } else {
              assert.ok(forbidden, `${where}: ${res.status}`);
            }
            assert.ok(res.status < 500, `${where} crashed (${res.status})`);
            checked++;
          }
        }
      }
      assert.ok(checked >= PAGES.length * ROLES.length);
    } finally {
      await t.close();
    }
  },
);
