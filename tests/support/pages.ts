import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { CookieJar } from "./http.ts";
import type { Database } from "../../db/postgres.ts";
import type { TestApp } from "./app.ts";
import { staffHeaders } from "./staff.ts";

type App = { request(path: string, init?: RequestInit): Response | Promise<Response> };

/**
 * A browser-like client for server-rendered pages through `app.request()`: it keeps cookies,
 * follows nothing by itself, and posts forms with the CSRF token the pages hand out.
 */
export class PageClient {
  readonly jar = new CookieJar();

  constructor(private readonly app: App) {}

  /** GETs a page with the jar's cookies. */
  async get(path: string): Promise<Response> {
    return this.jar.take(await this.app.request(path, { headers: { Cookie: this.jar.header() } }));
  }

  /** GETs a page and returns its HTML, asserting the status. */
  async html(path: string, status = 200): Promise<string> {
    const res = await this.get(path);
    const text = await res.text();
    assert.equal(res.status, status, `${path}: ${text.slice(0, 300)}`);
    return text;
  }

  /**
   * Posts a form the way a browser does, with `_csrf` from the cookie unless given; an array
   * is a field repeated once per value.
   */
  async post(path: string, fields: Record<string, string | string[]>): Promise<Response> {
    if (!this.jar.get("ct_csrf")) await this.get("/login");
    const all = { _csrf: this.jar.get("ct_csrf") ?? "", ...fields };
    const body = new URLSearchParams(
      Object.entries(all).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])),
    );
    return this.jar.take(
      await this.app.request(path, {
        method: "POST",
        headers: {
          Cookie: this.jar.header(),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body,
      }),
    );
  }

  /** Registers through the sign-up form; the jar then holds the session. */
  async register(email: string, password = "correct horse battery", name = "Ada") {
    const res = await this.post("/register", { email, password, name, next: "/" });
    assert.equal(res.status, 303, await res.text());
    return res;
  }
}

/** The script that defines `window.axe`, read once. */
let axeSource: string | undefined;

/**
 * Runs axe-core in the page (through DevTools, so the page's CSP is untouched) and fails on
 * any serious or critical violation, naming each rule and the elements it found.
 */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  axeSource ??= await Deno.readTextFile(
    new URL("../../node_modules/axe-core/axe.min.js", import.meta.url),
  );
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const axe = (globalThis as any).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
      },
    });
    return result.violations
      .filter((v: { impact: string }) => v.impact === "serious" || v.impact === "critical")
      .map((v: { id: string; impact: string; nodes: { target: string[] }[] }) =>
        `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`
      );
  }) as string[];
  assert.deepEqual(violations, [], `${label}: accessibility violations`);
}

const SHOTS = new URL("../../screenshots/", import.meta.url);

/** Saves a full-page screenshot under screenshots/ (git-ignored) for review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, SHOTS).pathname, fullPage: true });
}

/** Collects console errors and page errors (CSP violations show up here). */
export function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

/**
 * A PageClient signed in as a new user of `role`: the user is inserted and its access token
 * set as the `ct_access` cookie (demo users cannot sign in inside tests). Also returns the
 * token, e.g. for a browser context's cookies.
 */
export async function staffClient(
  t: Pick<TestApp, "app" | "deps" | "clock">,
  db: Database,
  role: "operator" | "admin" | "passenger" = "operator",
): Promise<{ client: PageClient; userId: string; token: string }> {
  const { userId, headers } = await staffHeaders(t, db, role);
  const token = headers.Authorization.slice("Bearer ".length);
  const client = new PageClient(t.app);
  client.jar.take(new Response(null, { headers: { "set-cookie": `ct_access=${token}` } }));
  return { client, userId, token };
}
