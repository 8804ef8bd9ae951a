import {
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { IN_CI } from "./db.ts";
import { watchErrors } from "./pages.ts";

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
  /**
   * Opens a page in a new browser context signed in as the holder of `headers`' bearer token
   * (a staff member's from staffHeaders, a passenger's from signUp).
   */
  signedInPage(headers: Record<string, string>, options?: BrowserContextOptions): Promise<SignedIn>;
  /** Closes the browser, the server and the app. */
  close(): Promise<void>;
}

/** A signed-in page, its browser context, and the errors the page logs (see watchErrors). */
export interface SignedIn {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** The context options of a desktop window, the size the admin pages are laid out for. */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

/** Options for serveWithBrowser. */
export interface ServeWithBrowserOptions {
  /** Sees every request the server answered and the app's answer (e.g. to record hits). */
  onResponse?(request: Request, response: Response): void;
}

/** Serves `t`'s app on 127.0.0.1 and launches Chromium; `close()` ends all three. */
export async function serveWithBrowser(
  t: { app: { fetch: Deno.ServeHandler }; close(): Promise<void> },
  options: ServeWithBrowserOptions = {},
): Promise<ServedBrowser> {
  const { onResponse } = options;
  const handler: Deno.ServeHandler = onResponse
    ? async (request, info) => {
      const response = await t.app.fetch(request, info);
      onResponse(request, response);
      return response;
    }
    : t.app.fetch;
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, handler);
  const browser = await launchBrowser();
  const base = `http://127.0.0.1:${server.addr.port}`;
  return {
    base,
    browser,
    signedInPage: async (headers, contextOptions = {}) => {
      // The access cookie signing in sets: the test skips the form it does not test.
      const context = await browser.newContext(contextOptions);
      await context.addCookies([{
        name: "ct_access",
        value: headers.Authorization.replace(/^Bearer /, ""),
        url: base,
      }]);
      const page = await context.newPage();
      return { context, page, problems: watchErrors(page) };
    },
    close: async () => {
      await browser.close();
      await server.shutdown();
      await t.close();
    },
  };
}
