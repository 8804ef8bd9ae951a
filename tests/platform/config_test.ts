import assert from "node:assert/strict";
import {
  CONFIG_VARIABLES,
  ConfigError,
  ensureSecrets,
  parseConfig,
} from "../../platform/config.ts";

const SECRET = "x".repeat(32);
const KEY = "A".repeat(43) + "=";
const PROD = { APP_ENV: "production", JWT_SECRET: SECRET, PAYMENT_TOKEN_KEY: KEY };
/** What Deno Deploy gives an app with a Postgres database assigned, plus its secrets. */
const DEPLOY = {
  DENO_DEPLOY: "true",
  DATABASE_URL: "postgresql://app:pw@db.example:5432/contrail-production",
  JWT_SECRET: SECRET,
  PAYMENT_TOKEN_KEY: KEY,
};

Deno.test("config: defaults for development need no variables", () => {
  const c = parseConfig({});
  assert.equal(c.env, "development");
  assert.equal(c.port, 8000);
  assert.equal(c.host, "127.0.0.1");
  assert.equal(c.dataDir, "./data");
  assert.equal(c.kvPath, "./data/kv.sqlite3");
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.demoData, true);
  assert.equal(c.demoPassword, "contrail-demo");
});

const accepted: [
  string,
  Record<string, string>,
  (c: ReturnType<typeof parseConfig>) => unknown,
  unknown,
][] = [
  [
    "production listens on all interfaces",
    PROD,
    (c) => c.host,
    "0.0.0.0",
  ],
  [
    "production has no demo data",
    PROD,
    (c) => c.demoData,
    false,
  ],
  ["tests use in-memory KV", { APP_ENV: "test" }, (c) => c.kvPath, ":memory:"],
  ["KV_PATH wins over the default", { KV_PATH: "/tmp/x.db" }, (c) => c.kvPath, "/tmp/x.db"],
  [
    "KV follows DATA_DIR",
    { DATA_DIR: "/var/lib/contrail/" },
    (c) => c.kvPath,
    "/var/lib/contrail/kv.sqlite3",
  ],
  ["PORT is a number", { PORT: "9090" }, (c) => c.port, 9090],
  ["holds last 10 minutes by default", {}, (c) => c.holdTtlMs, 600_000],
  ["HOLD_TTL_SECONDS sets the hold time", { HOLD_TTL_SECONDS: "90" }, (c) => c.holdTtlMs, 90_000],
  [
    "holds as short as 5 seconds outside production (tests)",
    { APP_ENV: "test", HOLD_TTL_SECONDS: "5" },
    (c) => c.holdTtlMs,
    5_000,
  ],
  [
    "holds of 30 seconds in production",
    { ...PROD, HOLD_TTL_SECONDS: "30" },
    (c) => c.holdTtlMs,
    30_000,
  ],
  ["DEMO_DATA=false", { DEMO_DATA: "false" }, (c) => c.demoData, false],
  [
    "DEMO_DATA=1 in production",
    { ...PROD, DEMO_DATA: "1" },
    (c) => c.demoData,
    true,
  ],
  ["empty values count as unset", { PORT: "", HOST: "" }, (c) => [c.port, c.host], [
    8000,
    "127.0.0.1",
  ]],
  [
    "Deno Deploy runs production on the assigned KV, without local files",
    DEPLOY,
    (c) => [c.env, c.onDeploy, c.kvPath, c.demoData],
    ["production", true, undefined, false],
  ],
  ["Deno Deploy drains within its 5 s kill", DEPLOY, (c) => c.shutdownTimeoutMs, 4_000],
  ["a self-hosted node drains for 10 s", PROD, (c) => c.shutdownTimeoutMs, 10_000],
  [
    "DATABASE_URL postgresql://",
    { DATABASE_URL: "postgresql://u:p@db.internal:5432/app" },
    (c) => c.databaseUrl,
    "postgresql://u:p@db.internal:5432/app",
  ],
];

for (const [name, env, pick, expected] of accepted) {
  Deno.test(`config: ${name}`, () => assert.deepEqual(pick(parseConfig(env)), expected));
}

const rejected: [string, Record<string, string>, RegExp][] = [
  ["a PORT that is not a number", { PORT: "eighty" }, /PORT: expected a number/],
  ["a PORT out of range", { PORT: "70000" }, /PORT: expected 0-65535/],
  ["a fractional PORT", { PORT: "80.5" }, /PORT: expected a whole number/],
  ["an unknown APP_ENV", { APP_ENV: "staging" }, /APP_ENV/],
  [
    "a DATABASE_URL that is not postgres",
    { DATABASE_URL: "mysql://localhost/db" },
    /DATABASE_URL: expected a postgres/,
  ],
  ["a DATABASE_URL that is not a URL", { DATABASE_URL: "localhost" }, /DATABASE_URL/],
  [
    "production without JWT_SECRET",
    { APP_ENV: "production" },
    /JWT_SECRET: required in production/,
  ],
  [
    "Deno Deploy without a Postgres database",
    { ...DEPLOY, DATABASE_URL: "" },
    /DATABASE_URL: required on Deno Deploy/,
  ],
  ["a KV file on Deno Deploy", { ...DEPLOY, KV_PATH: "./kv.db" }, /KV_PATH: not used on Deno/],
  [
    "Deno Deploy without its secrets",
    { DENO_DEPLOY: "true", DATABASE_URL: DEPLOY.DATABASE_URL },
    /JWT_SECRET: required in production[\s\S]*PAYMENT_TOKEN_KEY: required/,
  ],
  ["a short JWT_SECRET", { JWT_SECRET: "short" }, /JWT_SECRET: must be at least 32 characters/],
  ["DEMO_DATA that is not a boolean", { DEMO_DATA: "maybe" }, /DEMO_DATA: expected true or false/],
  ["a LOG_LEVEL nobody knows", { LOG_LEVEL: "loud" }, /LOG_LEVEL/],
  ["a hold time under 5 seconds", { HOLD_TTL_SECONDS: "4" }, /HOLD_TTL_SECONDS/],
  [
    "a hold time under 30 seconds in production",
    { ...PROD, HOLD_TTL_SECONDS: "29" },
    /HOLD_TTL_SECONDS: at least 30 in production/,
  ],
  ["a RESEND_BASE_URL that is not a URL", { RESEND_BASE_URL: "api.resend" }, /RESEND_BASE_URL/],
  ["an EMAIL_FROM without an address", { EMAIL_FROM: "Contrail" }, /EMAIL_FROM/],
  [
    "an EMAIL_FROM with a line break",
    { EMAIL_FROM: "Contrail\r\nBcc: x@y.z <a@b.c>" },
    /EMAIL_FROM/,
  ],
  ["a VAPID public key of the wrong size", { VAPID_PUBLIC_KEY: "abc" }, /VAPID_PUBLIC_KEY/],
  [
    "a VAPID public key without its private key",
    { VAPID_PUBLIC_KEY: "B".repeat(87) },
    /set both or neither/,
  ],
  ["a VAPID_SUBJECT that is neither mailto: nor https:", { VAPID_SUBJECT: "ops" }, /VAPID_SUBJECT/],
];

for (const [name, env, message] of rejected) {
  Deno.test(`config: rejects ${name} with a clear message`, () => {
    assert.throws(() => parseConfig(env), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /^Invalid configuration:/);
      assert.match(err.message, message);
      return true;
    });
  });
}

Deno.test("config: every problem is listed at once", () => {
  assert.throws(() => parseConfig({ PORT: "x", LOG_LEVEL: "loud" }), (err: ConfigError) => {
    assert.equal(err.problems.length, 2);
    return true;
  });
});

Deno.test("config: dev secrets are generated once, kept private and reused", async () => {
  const dataDir = await Deno.makeTempDir();
  try {
    const first = await ensureSecrets(parseConfig({ DATA_DIR: dataDir }));
    assert.ok(first.jwtSecret.length >= 32);
    const stat = await Deno.stat(`${dataDir}/jwt-secret`);
    assert.equal(stat.mode! & 0o777, 0o600);
    const second = await ensureSecrets(parseConfig({ DATA_DIR: dataDir }));
    assert.equal(second.jwtSecret, first.jwtSecret);
    assert.match(first.paymentTokenKey, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal((await Deno.stat(`${dataDir}/payment-token-key`)).mode! & 0o777, 0o600);
    assert.equal(second.paymentTokenKey, first.paymentTokenKey);
    const given = await ensureSecrets(parseConfig({ DATA_DIR: dataDir, JWT_SECRET: SECRET }));
    assert.equal(given.jwtSecret, SECRET);
    assert.equal(given.paymentTokenKey, first.paymentTokenKey);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("config: email and push settings, with push off in production without keys", () => {
  const c = parseConfig({
    RESEND_API_KEY: "re_123456789",
    RESEND_BASE_URL: "http://127.0.0.1:9/",
    EMAIL_FROM: "Ops <ops@example.test>",
  });
  assert.deepEqual(c.email, {
    resendApiKey: "re_123456789",
    resendBaseUrl: "http://127.0.0.1:9/",
    from: "Ops <ops@example.test>",
  });
  assert.equal(parseConfig(PROD).vapid.publicKey, undefined);
});

Deno.test("config: a dev VAPID key pair is generated once, kept private, and not in production", async () => {
  const dataDir = await Deno.makeTempDir();
  try {
    const first = await ensureSecrets(parseConfig({ DATA_DIR: dataDir }));
    assert.match(first.vapid.publicKey!, /^B[A-Za-z0-9_-]{86}$/, "uncompressed P-256 point");
    assert.match(first.vapid.privateKey!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal((await Deno.stat(`${dataDir}/vapid-keys`)).mode! & 0o777, 0o600);
    const second = await ensureSecrets(parseConfig({ DATA_DIR: dataDir }));
    assert.deepEqual(second.vapid, first.vapid);
    const prod = await ensureSecrets(parseConfig({ ...PROD, DATA_DIR: dataDir }));
    assert.equal(prod.vapid.publicKey, undefined);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("config: the resend and web-push modules load under the start task's env allowlist", async () => {
  // The resend client reads RESEND_DEBUG (and, unless told, RESEND_BASE_URL) when
  // constructed, and web-push's http_ece reads ECE_KEYLOG on import: a variable missing
  // from --allow-env would crash the server at start-up.
  const { taskRunFlags, ROOT } = await import("../support/server.ts");
  const flags = (await taskRunFlags("serve")).filter((f) => f.startsWith("--allow-env"));
  const script = await Deno.makeTempFile({ dir: ROOT, suffix: "_resend_probe.ts" });
  try {
    await Deno.writeTextFile(
      script,
      `import { resendTransport } from "./adapters/email.ts";
import "./adapters/web_push.ts";
resendTransport({ apiKey: "re_probe_123" });
console.log("ok");`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", ...flags, "--allow-read", script],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
    }).output();
    assert.equal(
      new TextDecoder().decode(out.stdout).trim(),
      "ok",
      new TextDecoder().decode(out.stderr),
    );
  } finally {
    await Deno.remove(script);
  }
});

Deno.test("config: `deno task serve` (the server of `deno task start`) may read every variable the config knows", async () => {
  const tasks =
    JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url))).tasks;
  const allowEnv = /--allow-env=(\S+)/.exec(tasks.serve)?.[1].split(",") ?? [];
  for (const name of CONFIG_VARIABLES) assert.ok(allowEnv.includes(name), `${name} missing`);
  assert.doesNotMatch(tasks.serve, /(^|\s)(-A|--allow-all)(\s|$)/);
});

Deno.test("config: a KV_PATH naming a KV Connect server is no local path to check or create", async () => {
  const { storagePaths, isKvUrl } = await import("../../platform/startup_config.ts");
  const config = parseConfig({
    APP_ENV: "production",
    JWT_SECRET: "x".repeat(40),
    PAYMENT_TOKEN_KEY: btoa(String.fromCharCode(...new Uint8Array(32))),
    DATABASE_URL: "postgres://db/contrail",
    KV_PATH: "https://kv.example.internal:4512",
  });
  assert.equal(isKvUrl(config.kvPath!), true);
  assert.deepEqual(
    storagePaths(config, { command: "serve", kvPathSet: true }).map((p) => p.variable),
    [],
  );
  const file = parseConfig({
    ...Object.fromEntries([["APP_ENV", "development"]]),
    KV_PATH: "/tmp/x/kv.sqlite3",
  });
  assert.deepEqual(
    storagePaths(file, { command: "serve", kvPathSet: true }).map((p) => p.variable),
    ["DATA_DIR", "KV_PATH"],
  );
});

Deno.test("config: ISOLATES defaults to every core in production with a Postgres server, else 1", () => {
  const prod = {
    APP_ENV: "production",
    JWT_SECRET: "x".repeat(40),
    PAYMENT_TOKEN_KEY: btoa(String.fromCharCode(...new Uint8Array(32))),
  };
  const server = { ...prod, DATABASE_URL: "postgres://db/contrail" };
  assert.equal(parseConfig(server).isolates, navigator.hardwareConcurrency);
  assert.equal(parseConfig({ ...server, ISOLATES: "3" }).isolates, 3);
  assert.equal(parseConfig(prod).isolates, 1, "embedded PGlite lives in one isolate");
  assert.equal(
    parseConfig({ APP_ENV: "development", DATABASE_URL: "postgres://db/x" }).isolates,
    1,
  );
  assert.throws(
    () => parseConfig({ ...prod, ISOLATES: "2" }),
    /ISOLATES: more than one isolate needs DATABASE_URL/,
  );
  assert.throws(() => parseConfig({ ...server, ISOLATES: "0" }), /ISOLATES/);
  assert.throws(
    () => parseConfig({ ...server, DENO_DEPLOY: "true", ISOLATES: "2" }),
    /ISOLATES: not used on Deno Deploy/,
  );
});
