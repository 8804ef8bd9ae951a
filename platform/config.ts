import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const port = z.coerce
  .number({ message: "expected a number" })
  .int("expected a whole number")
  .min(0, "expected 0-65535")
  .max(65535, "expected 0-65535");

const postgresUrl = z
  .url({ message: "expected a postgres:// URL" })
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "expected a postgres:// or postgresql:// URL");

const base64url = (bytes: number, length: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${length}}$`), `expected ${bytes} bytes, base64url`);

const EnvSchema = z.object({
  /** Set to "true" by Deno Deploy in every context (runtime and build). */
  DENO_DEPLOY: bool.optional(),
  APP_ENV: z.enum(["development", "production", "test"]).optional(),
  PORT: port.default(8000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  KV_PATH: z.string().min(1).optional(),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  DEMO_DATA: bool.optional(),
  DEMO_PASSWORD: z.string().min(8, "must be at least 8 characters").default("contrail-demo"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  PG_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(4),
  ISOLATES: z.coerce.number({ message: "expected a number" }).int().min(1).max(64).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).optional(),
  REQUEST_TIMEOUT_MS: z.coerce.number({ message: "expected a number" }).int().min(100)
    .max(600_000).default(30_000),
  TRUST_PROXY: bool.default(false),
  RATE_LIMIT_SCALE: z.coerce.number({ message: "expected a number" }).min(0.01).max(100_000)
    .default(1),
  PAYMENT_TOKEN_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "expected 32 bytes, base64")
    .optional(),
  // 5 s lets tests watch holds expire; production keeps at least 30 s (checked below).
  HOLD_TTL_SECONDS: z.coerce.number({ message: "expected a number" }).int().min(5).max(3600)
    .default(600),
  OPS_DELAY_ALERT_MINUTES: z.coerce.number({ message: "expected a number" }).int().min(1)
    .max(1440).default(30),
  SSE_HEARTBEAT_MS: z.coerce.number({ message: "expected a number" }).int().min(10).max(300_000)
    .default(15_000),
  SSE_MAX_STREAMS_PER_USER: z.coerce.number({ message: "expected a number" }).int().min(1)
    .max(10_000).default(8),
  SSE_MAX_STREAMS_PER_IP: z.coerce.number({ message: "expected a number" }).int().min(1)
    .max(1_000_000).default(256),
  METRICS_TOKEN: z.string().regex(/^[A-Za-z0-9._~+/=-]{32,512}$/, "expected 32+ token characters")
    .optional(),
  RESEND_API_KEY: z.string().regex(/^\S{8,200}$/, "expected a Resend API key").optional(),
  RESEND_BASE_URL: z.url({ protocol: /^https?$/, message: "expected an http(s) URL" }).optional(),
  EMAIL_FROM: z.string().trim().max(200).regex(
    /^([^<>\r\n]+ <[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
    "expected an address or Name <address>",
  ).default("Contrail <no-reply@contrail.dev>"),
  VAPID_PUBLIC_KEY: base64url(65, 87).optional(),
  VAPID_PRIVATE_KEY: base64url(32, 43).optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, "expected mailto: or https:")
    .default("mailto:ops@contrail.dev"),
  UPSTASH_REDIS_REST_URL: z.url({ protocol: /^https?$/, message: "expected an http(s) URL" })
    .optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().regex(/^\S{8,1024}$/, "expected an Upstash REST token")
    .optional(),
});

/** Every environment variable Contrail reads. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

/** The application's validated configuration. */
export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  /** A real Postgres server; when absent, embedded PGlite under `dataDir/pg`. */
  databaseUrl?: string;
  dataDir: string;
  /**
   * A Deno KV file, ":memory:", or absent on Deno Deploy: the KV database assigned to the
   * app for the current timeline.
   */
  kvPath?: string;
  /** Running on Deno Deploy: no local files, storage only from the platform. */
  onDeploy: boolean;
  /** Absent only before `resolveConfig` has generated or loaded the dev secret. */
  jwtSecret?: string;
  demoData: boolean;
  demoPassword: string;
  logLevel: "debug" | "info" | "warn" | "error";
  pgMaxConnections: number;
  /**
   * Isolates serving this process, each on its own core (1: one isolate). Needs a Postgres
   * server: embedded PGlite lives inside one isolate.
   */
  isolates: number;
  shutdownTimeoutMs: number;
  /** The longest a request may take before it is answered 503 (streams and uploads exempt). */
  requestTimeoutMs: number;
  /** Believe X-Forwarded-Proto/-For from a reverse proxy (HSTS, client addresses). */
  trustProxy: boolean;
  /** Multiplies every request rate limit (routes/middleware/limits.ts); 1 unless load testing. */
  rateLimitScale: number;
  /** How long a seat hold lasts before it expires. */
  holdTtlMs: number;
  /** Delays of at least this many minutes alert operators. */
  opsDelayAlertMinutes: number;
  /** AES-256-GCM key (base64) for payment tokens at rest; generated in dev. */
  paymentTokenKey?: string;
  /** How often SSE streams send a heartbeat comment. */
  sseHeartbeatMs: number;
  /** Concurrent SSE streams one signed-in user may hold open. */
  sseMaxStreamsPerUser: number;
  /** Concurrent SSE streams one client address may hold open. */
  sseMaxStreamsPerIp: number;
  /** Bearer token a Prometheus scraper presents on `GET /metrics` (admins need none). */
  metricsToken?: string;
  /** Email provider; without a key, mail goes to the dev mailbox in Postgres. */
  email: { resendApiKey?: string; resendBaseUrl?: string; from: string };
  /** VAPID keys (base64url) for Web Push; generated in dev, push is off without them. */
  vapid: { publicKey?: string; privateKey?: string; subject: string };
  /** Upstash Redis (REST) for cache, rate limits and idempotency; Deno KV when absent. */
  upstash?: { url: string; token: string };
}

/** A configuration that could not be accepted; the message lists every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses and validates environment variables into a Config (pure: no I/O). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    );
  }
  const onDeploy = parsed.data.DENO_DEPLOY ?? false;
  // On Deno Deploy every timeline, previews included, runs the production configuration.
  const e = {
    ...parsed.data,
    APP_ENV: parsed.data.APP_ENV ?? (onDeploy ? "production" : "development"),
  };
  const production = e.APP_ENV === "production";
  const missing = [
    ...(onDeploy && !e.DATABASE_URL
      ? ["DATABASE_URL: required on Deno Deploy (assign a Postgres database to the app)"]
      : []),
    ...(onDeploy && e.KV_PATH
      ? ["KV_PATH: not used on Deno Deploy (assign a Deno KV database to the app)"]
      : []),
    ...(production && !e.JWT_SECRET
      ? ["JWT_SECRET: required in production (at least 32 characters)"]
      : []),
    ...(production && !e.PAYMENT_TOKEN_KEY
      ? ["PAYMENT_TOKEN_KEY: required in production (32 random bytes, base64)"]
      : []),
    ...(production && e.HOLD_TTL_SECONDS < 30
      ? ["HOLD_TTL_SECONDS: at least 30 in production (a payer needs time to pay)"]
      : []),
  ];
  if (!e.VAPID_PUBLIC_KEY !== !e.VAPID_PRIVATE_KEY) {
    missing.push("VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both or neither");
  }
  if (e.UPSTASH_REDIS_REST_URL && !e.UPSTASH_REDIS_REST_TOKEN) {
    missing.push("UPSTASH_REDIS_REST_TOKEN: required when UPSTASH_REDIS_REST_URL is set");
  }
  if (e.UPSTASH_REDIS_REST_TOKEN && !e.UPSTASH_REDIS_REST_URL) {
    missing.push("UPSTASH_REDIS_REST_URL: required when UPSTASH_REDIS_REST_TOKEN is set");
  }
  if (e.ISOLATES && e.ISOLATES > 1 && !e.DATABASE_URL) {
    missing.push("ISOLATES: more than one isolate needs DATABASE_URL (a Postgres server)");
  }
  if (e.ISOLATES && e.ISOLATES > 1 && onDeploy) {
    missing.push("ISOLATES: not used on Deno Deploy (the platform runs the isolates)");
  }
  if (missing.length) throw new ConfigError(missing);
  const dataDir = e.DATA_DIR.replace(/\/+$/, "") || "/";
  return {
    env: e.APP_ENV,
    port: e.PORT,
    host: e.HOST ?? (production ? "0.0.0.0" : "127.0.0.1"),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    kvPath: onDeploy
      ? undefined
      : e.KV_PATH ?? (e.APP_ENV === "test" ? ":memory:" : `${dataDir}/kv.sqlite3`),
    onDeploy,
    jwtSecret: e.JWT_SECRET,
    demoData: e.DEMO_DATA ?? e.APP_ENV === "development",
    demoPassword: e.DEMO_PASSWORD,
    logLevel: e.LOG_LEVEL,
    pgMaxConnections: e.PG_MAX_CONNECTIONS,
    // Production on its own machine uses every core; embedded storage and Deno Deploy, one.
    isolates: e.ISOLATES ??
      (production && !onDeploy && e.DATABASE_URL ? navigator.hardwareConcurrency || 1 : 1),
    // Deno Deploy kills an instance 5 s after SIGINT: drain within that.
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS ?? (onDeploy ? 4_000 : 10_000),
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY,
    rateLimitScale: e.RATE_LIMIT_SCALE,
    holdTtlMs: e.HOLD_TTL_SECONDS * 1000,
    opsDelayAlertMinutes: e.OPS_DELAY_ALERT_MINUTES,
    paymentTokenKey: e.PAYMENT_TOKEN_KEY,
    sseHeartbeatMs: e.SSE_HEARTBEAT_MS,
    sseMaxStreamsPerUser: e.SSE_MAX_STREAMS_PER_USER,
    sseMaxStreamsPerIp: e.SSE_MAX_STREAMS_PER_IP,
    metricsToken: e.METRICS_TOKEN,
    email: { resendApiKey: e.RESEND_API_KEY, resendBaseUrl: e.RESEND_BASE_URL, from: e.EMAIL_FROM },
    vapid: {
      publicKey: e.VAPID_PUBLIC_KEY,
      privateKey: e.VAPID_PRIVATE_KEY,
      subject: e.VAPID_SUBJECT,
    },
    upstash: e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN
      ? { url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN }
      : undefined,
  };
}

/** Reads a secret kept under `dataDir`, creating it with `make` on first run (mode 0600). */
async function keptSecret(
  file: string,
  make: () => string | Promise<string>,
  valid: (s: string) => boolean,
) {
  try {
    const existing = (await Deno.readTextFile(file)).trim();
    if (valid(existing)) return existing;
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  const secret = await make();
  await Deno.writeTextFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/** A config whose secrets are all present. */
export type ResolvedConfig = Config & { jwtSecret: string; paymentTokenKey: string };

const base64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const toBase64url = (b: Uint8Array) =>
  base64(b).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

/** A fresh VAPID key pair (P-256) as "public private", both base64url as Web Push wants. */
export async function newVapidKeys(): Promise<string> {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const { d } = await crypto.subtle.exportKey("jwk", pair.privateKey);
  return `${toBase64url(publicKey)} ${d}`;
}

const needsVapidKeys = (config: Config) => !config.vapid.publicKey && config.env !== "production";

/** Whether ensureSecrets will generate (or read back) a secret file under `dataDir`. */
export function generatesSecrets(config: Config): boolean {
  return !config.jwtSecret || !config.paymentTokenKey || needsVapidKeys(config);
}

/**
 * Fills in the secrets a developer should not have to set: the JWT secret, the payment
 * token key and (outside production) the VAPID key pair are generated under `dataDir` on
 * first run and reused after (production requires the first two from the environment,
 * checked by parseConfig; without VAPID keys it runs with push off).
 */
export async function ensureSecrets(config: Config): Promise<ResolvedConfig> {
  const needVapid = needsVapidKeys(config);
  if (!generatesSecrets(config) && config.jwtSecret && config.paymentTokenKey) {
    return { ...config, jwtSecret: config.jwtSecret, paymentTokenKey: config.paymentTokenKey };
  }
  await Deno.mkdir(config.dataDir, { recursive: true });
  const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
  const jwtSecret = config.jwtSecret ?? await keptSecret(
    `${config.dataDir}/jwt-secret`,
    () => base64(random(48)).replace(/[+/=]/g, ""),
    (s) => s.length >= 32,
  );
  const paymentTokenKey = config.paymentTokenKey ?? await keptSecret(
    `${config.dataDir}/payment-token-key`,
    () => base64(random(32)),
    (s) => /^[A-Za-z0-9+/]{43}=$/.test(s),
  );
  let vapid = config.vapid;
  if (needVapid) {
    const pair = /^[A-Za-z0-9_-]{87} [A-Za-z0-9_-]{43}$/;
    const [publicKey, privateKey] = (await keptSecret(
      `${config.dataDir}/vapid-keys`,
      newVapidKeys,
      (s) => pair.test(s),
    )).split(" ");
    vapid = { ...vapid, publicKey, privateKey };
  }
  return { ...config, jwtSecret, paymentTokenKey, vapid };
}

/** Reads only the variables Contrail knows, so `--allow-env` can stay an allowlist. */
export function readEnv(): Record<string, string | undefined> {
  return Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, Deno.env.get(name)]));
}

/** Reads the environment, validates it and fills in the dev secret. */
export async function resolveConfig(
  env: Record<string, string | undefined> = readEnv(),
): Promise<ResolvedConfig> {
  return await ensureSecrets(parseConfig(env));
}
