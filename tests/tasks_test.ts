import assert from "node:assert/strict";
import { BACKENDS, withServerDatabase } from "./support/db.ts";
import { killGroup, ROOT, type ServerProcess, startTask, taskRunFlags } from "./support/server.ts";

const SECRET = "tasks-secret-that-is-long-enough-123456";
const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(5)));
const PRODUCTION = { JWT_SECRET: SECRET, PAYMENT_TOKEN_KEY: KEY, PORT: "0", HOST: "127.0.0.1" };
// What a shell hands `deno task`: the build step starts `deno bundle` by name.
const SHELL = Object.fromEntries(
  ["PATH", "HOME", "DENO_DIR"].flatMap((name) => {
    const value = Deno.env.get(name);
    return value ? [[name, value]] : [];
  }),
);
const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;
const pgServer = BACKENDS.find((b) => b.backend === "postgres")!;

/**
 * A copy of the project as a fresh clone has it after `deno install`: sources, deno.json,
 * deno.lock and node_modules, no static/build/ and no data/. Tasks that build run there, never
 * in the project, whose bundles other test files are reading meanwhile. One copy serves every
 * test here (a new path is transpiled anew); each removes the bundles it must not find.
 */
let clone: Promise<string> | undefined;
function freshClone(): Promise<string> {
  return clone ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "contrail-clone-" });
    globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
    const skip = new Set(["static/build", "data", "tests", "bench", "deploy", ".git"]);
    const copy = async (from: string) => {
      for await (const entry of Deno.readDir(`${ROOT}${from}`)) {
        const path = from ? `${from}/${entry.name}` : entry.name;
        if (skip.has(path) || entry.name.startsWith(".entries-")) continue;
        if (entry.isSymlink) {
          await Deno.symlink(await Deno.readLink(`${ROOT}${path}`), `${dir}/${path}`);
        } else if (entry.isDirectory) {
          await Deno.mkdir(`${dir}/${path}`);
          await copy(path);
        } else {
          // A deno process running meanwhile (other test files start several) creates and
          // removes lock files in node_modules/.deno: one gone since readDir was never needed.
          await Deno.copyFile(`${ROOT}${path}`, `${dir}/${path}`).catch((err) => {
            if (!(err instanceof Deno.errors.NotFound)) throw err;
          });
        }
      }
    };
    await copy("");
    return dir;
  })();
}

/**
 * Runs `fn` in the fresh clone without island bundles, with an empty DATA_DIR outside the
 * project and the storage env: a database on the PostgreSQL server when there is one (PGlite's
 * first start in an empty directory takes seconds), else PGlite in that DATA_DIR.
 */
async function inFreshClone(
  fn: (clone: string, dataDir: string, storage: Record<string, string>) => Promise<void>,
) {
  const dir = await freshClone();
  await Deno.remove(`${dir}/static/build`, { recursive: true }).catch(() => {});
  const dataDir = await Deno.makeTempDir({ prefix: "contrail-data-" });
  try {
    if (pgServer.ignore) await fn(dir, dataDir, { DATA_DIR: dataDir });
    else {
      await withServerDatabase((url) => fn(dir, dataDir, { DATA_DIR: dataDir, DATABASE_URL: url }));
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** Stops `server` with `signal`, failing (and killing its group) if it is still up after 20 s. */
async function stopWithin(server: ServerProcess, signal: Deno.Signal) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => timer = setTimeout(() => resolve("late"), 20_000));
  try {
    const status = await Promise.race([server.stop(signal), late]);
    if (status === "late") {
      killGroup(server.child.pid);
      await server.child.status;
      assert.fail(`still running 20 s after ${signal}:\n${server.lines.join("\n")}`);
    }
    return status;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The processes of group `pgid` that still run, from /proc (Linux). Zombies do not count:
 * `deno bundle` (the build step) leaves its exited esbuild child for init to reap.
 */
async function runningInGroup(pgid: number): Promise<string[]> {
  const running: string[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`).catch(() => "");
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z") {
      running.push(stat.slice(0, stat.lastIndexOf(")") + 1));
    }
  }
  return running;
}

const exists = (path: string) => Deno.stat(path).then(() => true, () => false);
const appLines = (stderr: Uint8Array) =>
  new TextDecoder().decode(stderr).split("\n").filter((l) => l && !l.startsWith("Task "));

Deno.test({
  name:
    "tasks: `deno task serve` without island bundles refuses to start and says how to build them",
  sanitizeResources: false,
  fn: () =>
    inFreshClone(async (clone, _dataDir, storage) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["task", "serve"],
        cwd: clone,
        env: { ...SHELL, ...PRODUCTION, ...storage, NO_COLOR: "1" },
        clearEnv: true,
      }).output();
      const lines = appLines(out.stderr);
      assert.equal(out.code, 1, lines.join("\n"));
      assert.deepEqual(lines, [
        "./static/build/manifest.json is missing: the island bundles were not built; " +
        "build them with `deno task build` first (`deno task start` does).",
      ]);
      assert.doesNotMatch(new TextDecoder().decode(out.stdout), /listening/);
    }),
});

Deno.test({
  name:
    "tasks: `deno task start` on a fresh clone builds the island bundles, then serves them with DATA_DIR outside the project",
  sanitizeResources: false,
  fn: () =>
    inFreshClone(async (clone, dataDir, storage) => {
      const app = await startTask("start", { ...SHELL, ...PRODUCTION, ...storage }, { cwd: clone });
      try {
        const ready = await fetch(`${app.url}ready`);
        assert.equal(ready.status, 200, await ready.text());
        const home = await (await fetch(app.url)).text();
        const bundle = /src="(\/static\/build\/[A-Za-z]+-[A-Z0-9]{8}\.js)"/.exec(home)?.[1];
        assert.ok(bundle, "the home page loads an island bundle");
        const js = await fetch(`${app.url}${bundle.slice(1)}`);
        assert.equal(js.status, 200);
        assert.match(js.headers.get("content-type") ?? "", /javascript/);
        await js.body?.cancel();
      } finally {
        const status = await stopWithin(app, "SIGTERM");
        assert.equal(status.code, 0, app.lines.join("\n"));
      }
      assert.ok(app.lines.some((l) => l.includes('"msg":"stopped"')));
      if (!storage.DATABASE_URL) {
        assert.ok(await exists(`${dataDir}/pg/PG_VERSION`), "PGlite lives in DATA_DIR");
      }
      assert.ok(await exists(`${dataDir}/kv.sqlite3`), "the KV file lives in DATA_DIR");
      assert.equal(await exists(`${clone}/data`), false, "nothing is written to ./data");
    }),
});

for (
  const [variable, env] of [
    ["DATA_DIR", (dir: string) => ({ DATA_DIR: dir })],
    ["KV_PATH", (dir: string) => ({ KV_PATH: `${dir}/kv.sqlite3` })],
  ] as const
) {
  Deno.test(`tasks: a ${variable} outside the server's permissions stops it with one line naming ${variable} and the fix`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "contrail-denied-" });
    try {
      // The serve task's flags as they come out with neither variable set: they grant ./data.
      const flags = await taskRunFlags("serve");
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", ...flags, "main.ts"],
        cwd: ROOT,
        env: { ...PRODUCTION, NO_COLOR: "1", APP_ENV: "production", ...env(dir) },
        clearEnv: true,
      }).output();
      const stderr = new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 1, stderr);
      const lines = stderr.trim().split("\n");
      assert.equal(lines.length, 1, stderr);
      assert.ok(lines[0].startsWith(`${variable}=${dir}`), lines[0]);
      assert.match(lines[0], / is outside this process's --allow-(read|write)/);
      assert.match(lines[0], /`deno task start`.*--allow-write=/);
      assert.doesNotMatch(stderr, STACK_FRAME);
      assert.deepEqual([...Deno.readDirSync(dir)], [], "nothing was written there");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test({
  name:
    "tasks: `deno task dev` (deno run --watch) ends, watcher included, on SIGTERM and on SIGINT",
  sanitizeResources: false,
  fn: () =>
    inFreshClone(async (clone, _dataDir, storage) => {
      for (const signal of ["SIGTERM", "SIGINT"] as const) {
        const env = { ...SHELL, ...storage, DEMO_DATA: "false", PORT: "0" };
        const app = await startTask("dev", env, { cwd: clone });
        const status = await stopWithin(app, signal);
        // After the drain, SIGTERM is raised again (see exitAfterShutdown): `deno task` reports
        // that as 128 + 15. SIGINT ends the watcher by itself, and the program exits 0.
        assert.equal(status.code, signal === "SIGTERM" ? 143 : 0, app.lines.join("\n"));
        assert.ok(
          app.lines.some((l) => l.includes('"msg":"stopped"')),
          app.lines.join("\n"),
        );
        // Nothing of the task's process group is left running: not the watcher, not the program.
        assert.deepEqual(await runningInGroup(app.child.pid), []);
      }
    }),
});
