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
