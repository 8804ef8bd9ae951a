import assert from "node:assert/strict";
import { BACKENDS, withServerDatabase } from "./support/db.ts";
import { ROOT, startServer, taskRunFlags } from "./support/server.ts";

const SECRET = "test-secret-that-is-long-enough-123456";
const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));

async function withDataDir(fn: (dir: string) => Promise<void>) {
  // The flags are the serve task's for the default DATA_DIR (write only ./data): the data lives there.
  const dir = `./data/test-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await fn(dir);
  } finally {
    await Deno.remove(`${ROOT}${dir.slice(2)}`, { recursive: true }).catch(() => {});
  }
}

for (const { backend, ignore } of BACKENDS) {
  Deno.test({
    name:
      `main: \`deno task serve\` permissions serve demo flights and shut down on SIGTERM [${backend}]`,
    ignore,
    sanitizeResources: false,
    fn: () =>
      withDataDir(async (dataDir) => {
        const run = async (databaseUrl?: string) => {
          const server = await startServer(await taskRunFlags("serve"), {
            APP_ENV: "production",
            JWT_SECRET: SECRET,
            PAYMENT_TOKEN_KEY: KEY,
            PORT: "0",
            HOST: "127.0.0.1",
            DATA_DIR: dataDir,
            DEMO_DATA: "true",
            ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
          });
          try {
            const ready = await fetch(`${server.url}ready`);
            assert.equal(ready.status, 200, await ready.text());
            const home = await fetch(server.url);
            const html = await home.text();
            assert.equal(home.status, 200);
            assert.match(html, /Upcoming departures/);
            assert.match(html, /CT \d+/);
            const api = await (await fetch(`${server.url}api/flights?limit=3`)).json();
            assert.equal(api.data.length, 3);
          } finally {
            const status = await server.stop("SIGTERM");
            assert.equal(status.code, 0, server.lines.join("\n"));
            assert.ok(server.lines.some((l) => l.includes('"msg":"stopped"')));
          }
        };
        if (backend === "postgres") await withServerDatabase(run);
        else await run();
      }),
  });
}

Deno.test("main: a bad configuration exits 1 with a message naming the variable", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...await taskRunFlags("serve"), "main.ts"],
    cwd: ROOT,
    env: {
      NO_COLOR: "1",
      APP_ENV: "production",
      JWT_SECRET: SECRET,
      PAYMENT_TOKEN_KEY: KEY,
      PORT: "not-a-port",
    },
    clearEnv: true,
  }).output();
  assert.equal(out.code, 1);
  const stderr = new TextDecoder().decode(out.stderr);
  assert.match(stderr, /Invalid configuration:\n {2}- PORT: expected a number/);
  assert.doesNotMatch(stderr, /at .*\.ts:\d+/, "no stack trace for a config error");
});

Deno.test("main: an unknown command exits 2", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...await taskRunFlags("serve"), "main.ts", "explode"],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    clearEnv: true,
  }).output();
  assert.equal(out.code, 2);
});
