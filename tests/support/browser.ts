import { chromium } from "playwright-core";
import { IN_CI } from "./db.ts";

/** Debian's Chromium; `.ci/run` installs it (package `chromium`). */
export const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";

let installed = false;
try {
  installed = Deno.statSync(CHROMIUM).isFile;
} catch {
  installed = false;
}

/** Browser tests are ignored without Chromium, except under CI=true where they must run. */
export const IGNORE_BROWSER = !installed && !IN_CI;

/** Launches headless Chromium with the flags this sandbox needs (no background networking). */
export async function launchBrowser() {
  return await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** An app served on a free local port for a browser test, with the browser to drive it. */
export interface ServedBrowser {
  base: string;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
  /** Closes the browser, the server and the app. */
  close(): Promise<void>;
}

/** Serves `t`'s app on 127.0.0.1 and launches Chromium; `close()` ends all three. */
export async function serveWithBrowser(
  t: { app: { fetch: Deno.ServeHandler }; close(): Promise<void> },
): Promise<ServedBrowser> {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, t.app.fetch);
  const browser = await launchBrowser();
  return {
    base: `http://127.0.0.1:${server.addr.port}`,
    browser,
    close: async () => {
      await browser.close();
      await server.shutdown();
      await t.close();
    },
  };
}

/**
 * A desktop browser page signed in with the bearer token of `headers` (a staff user made by
 * staffHeaders), as the `ct_access` cookie.
 */
export async function signedInPage(
  served: Pick<ServedBrowser, "base" | "browser">,
  headers: Record<string, string>,
) {
  const context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{
    name: "ct_access",
    value: headers.Authorization.replace(/^Bearer /, ""),
    url: served.base,
  }]);
  return await context.newPage();
}
