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

const EnvSchema = z.object({
  APP_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port.default(8000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  KV_PATH: z.string().min(1).optional(),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  DEMO_DATA: bool.optional(),
  DEMO_PASSWORD: z.string().min(8, "must be at least 8 characters").default("contrail-demo"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  PG_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  PAYMENT_TOKEN_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, "expected 32 bytes, base64")
    .optional(),
  HOLD_TTL_SECONDS: z.coerce.number({ message: "expected a number" }).int().min(30).max(3600)
    .default(600),
  SSE_HEARTBEAT_MS: z.coerce.number({ message: "expected a number" }).int().min(10).max(300_000)
    .default(15_000),
  SSE_MAX_STREAMS_PER_USER: z.coerce.number({ message: "expected a number" }).int().min(1)
    .max(10_000).default(8),
  SSE_MAX_STREAMS_PER_IP: z.coerce.number({ message: "expected a number" }).int().min(1)
    .max(1_000_000).default(256),
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
  kvPath: string;
  /** Absent only before `resolveConfig` has generated or loaded the dev secret. */
  jwtSecret?: string;
  demoData: boolean;
  demoPassword: string;
  logLevel: "debug" | "info" | "warn" | "error";
  pgMaxConnections: number;
  shutdownTimeoutMs: number;
  /** How long a seat hold lasts before it expires. */
  holdTtlMs: number;
  /** AES-256-GCM key (base64) for payment tokens at rest; generated in dev. */
  paymentTokenKey?: string;
  /** How often SSE streams send a heartbeat comment. */
  sseHeartbeatMs: number;
  /** Concurrent SSE streams one signed-in user may hold open. */
  sseMaxStreamsPerUser: number;
  /** Concurrent SSE streams one client address may hold open. */
  sseMaxStreamsPerIp: number;
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
  const e = parsed.data;
  const production = e.APP_ENV === "production";
  const missing = [
    ...(production && !e.JWT_SECRET
      ? ["JWT_SECRET: required in production (at least 32 characters)"]
      : []),
    ...(production && !e.PAYMENT_TOKEN_KEY
      ? ["PAYMENT_TOKEN_KEY: required in production (32 random bytes, base64)"]
      : []),
  ];
  if (missing.length) throw new ConfigError(missing);
  const dataDir = e.DATA_DIR.replace(/\/+$/, "") || "/";
  return {
    env: e.APP_ENV,
    port: e.PORT,
    host: e.HOST ?? (production ? "0.0.0.0" : "127.0.0.1"),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    kvPath: e.KV_PATH ?? (e.APP_ENV === "test" ? ":memory:" : `${dataDir}/kv.sqlite3`),
    jwtSecret: e.JWT_SECRET,
    demoData: e.DEMO_DATA ?? e.APP_ENV === "development",
    demoPassword: e.DEMO_PASSWORD,
    logLevel: e.LOG_LEVEL,
    pgMaxConnections: e.PG_MAX_CONNECTIONS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    holdTtlMs: e.HOLD_TTL_SECONDS * 1000,
    paymentTokenKey: e.PAYMENT_TOKEN_KEY,
    sseHeartbeatMs: e.SSE_HEARTBEAT_MS,
    sseMaxStreamsPerUser: e.SSE_MAX_STREAMS_PER_USER,
    sseMaxStreamsPerIp: e.SSE_MAX_STREAMS_PER_IP,
  };
}

/** Reads a secret kept under `dataDir`, creating it with `make` on first run (mode 0600). */
async function keptSecret(file: string, make: () => string, valid: (s: string) => boolean) {
  try {
    const existing = (await Deno.readTextFile(file)).trim();
    if (valid(existing)) return existing;
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  const secret = make();
  await Deno.writeTextFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/** A config whose secrets are all present. */
export type ResolvedConfig = Config & { jwtSecret: string; paymentTokenKey: string };

/**
 * Fills in the secrets a developer should not have to set: the JWT secret and the payment
 * token key are generated under `dataDir` on first run and reused after (production
 * requires both from the environment, checked by parseConfig).
 */
export async function ensureSecrets(config: Config): Promise<ResolvedConfig> {
  if (config.jwtSecret && config.paymentTokenKey) {
    return { ...config, jwtSecret: config.jwtSecret, paymentTokenKey: config.paymentTokenKey };
  }
  await Deno.mkdir(config.dataDir, { recursive: true });
  const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
  const base64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
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
  return { ...config, jwtSecret, paymentTokenKey };
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
