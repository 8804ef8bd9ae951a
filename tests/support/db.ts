import { tmpdir } from "node:os";
import postgres from "postgres";
import { type Database, openDatabase } from "../../db/postgres.ts";
import { loadMigrations, migrate } from "../../db/migrate.ts";

/** The two storage backends every database test runs against. */
export type Backend = "pglite" | "postgres";

/** The real server's admin URL; tests make a throwaway database on it per test. */
export const SERVER_URL = Deno.env.get("TEST_DATABASE_URL") ?? Deno.env.get("DATABASE_URL") ??
  "postgres://postgres@127.0.0.1:5432/test";

/** Under CI=true a missing server is a failure, never a skip. */
export const IN_CI = Deno.env.get("CI") === "true";

async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  try {
    const conn = await Deno.connect({ hostname, port: Number(port || 5432) });
    conn.close();
    return true;
  } catch {
    return false;
  }
}

/** Whether the real Postgres server answers on its port. */
export const serverReachable = await reachable(SERVER_URL);

/** Each backend with whether its tests are ignored (only a missing server outside CI). */
export const BACKENDS: { backend: Backend; ignore: boolean }[] = [
  { backend: "pglite", ignore: false },
  { backend: "postgres", ignore: !serverReachable && !IN_CI },
];

/** Options for withDatabase. */
export interface WithDatabaseOptions {
  /** Apply the migrations first (default true). */
  migrated?: boolean;
}

// --- Templates ------------------------------------------------------------------------------
// Migrating a fresh database for every test cost seconds per test (PGlite's initdb above all).
// Tests start from copies instead: a migrated (or, for tests of migrations, empty) PGlite data
// directory dumped once per test process, and a migrated template database on the server,
// made once for every process of a run and named after what it contains.

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 (hex) of everything db/migrate.ts applies: the runner itself and every migration. */
export async function migrationsHash(): Promise<string> {
  const parts = [await Deno.readTextFile(new URL("../../db/migrate.ts", import.meta.url))];
  for (const m of await loadMigrations()) parts.push(`${m.version} ${m.name}\n${m.sql}`);
  return await sha256Hex(parts.join("\0"));
}

const pgliteDumps = new Map<boolean, Promise<Blob>>();

/**
 * A PGlite data directory (a `dumpDataDir()` tarball), migrated or empty, that each test's
 * database is loaded from (`openDatabase({ loadDataDir })`). Every test file runs in an
 * isolate of its own, so the dump is also kept as a file for the whole run (and later runs):
 * its name carries the hash of the migrations and PGlite's version, and the first isolate
 * to miss it makes it while the others wait.
 */
export function pgliteTemplate(migrated: boolean): Promise<Blob> {
  let dump = pgliteDumps.get(migrated);
  if (!dump) {
    dump = cachedPgliteTemplate(migrated);
    // A failure is not kept: the next test tries again.
    dump.catch(() => pgliteDumps.delete(migrated));
    pgliteDumps.set(migrated, dump);
  }
  return dump;
}

/** Where the dumps are kept between test files and runs. */
const TEMPLATE_DIR = `${tmpdir()}/contrail-test-templates`;
/** A lock file this old belongs to a process that died while making its dump. */
const STALE_LOCK_MS = 120_000;

async function cachedPgliteTemplate(migrated: boolean): Promise<Blob> {
  // The data directory's format is PGlite's: its version (from the resolved package) is part
  // of the key, the path of this checkout is not.
  const resolved = import.meta.resolve("@electric-sql/pglite");
  const pglite = /pglite@([^/]+)/.exec(resolved)?.[1] ?? resolved;
  const key = await sha256Hex([await migrationsHash(), pglite, migrated].join("\n"));
  const path = `${TEMPLATE_DIR}/pglite-${migrated ? "migrated" : "empty"}-${key.slice(0, 16)}.tgz`;
  await Deno.mkdir(TEMPLATE_DIR, { recursive: true });
  while (true) {
    const cached = await Deno.readFile(path).catch((err) => {
      if (err instanceof Deno.errors.NotFound) return null;
      throw err;
    });
    if (cached) return await gunzip(cached);
    let lock: Deno.FsFile;
    try {
      lock = await Deno.open(`${path}.lock`, { createNew: true, write: true });
    } catch (err) {
      if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
      // Another test file makes it: wait, unless its maker died.
      const made = await Deno.stat(`${path}.lock`).then((s) => s.mtime?.getTime() ?? 0, () => 0);
      if (made && Date.now() - made > STALE_LOCK_MS) {
        await Deno.remove(`${path}.lock`).catch(() => {});
      } else {
        await new Promise((r) => setTimeout(r, 100));
      }
      continue;
    }
    try {
      const dump = await makePgliteTemplate(migrated);
      const partial = `${path}.${crypto.randomUUID()}.partial`;
      await Deno.writeFile(partial, await dump.bytes());
      await Deno.rename(partial, path);
    } finally {
      lock.close();
      await Deno.remove(`${path}.lock`).catch(() => {});
    }
  }
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Blob> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return await new Response(stream).blob();
}

async function makePgliteTemplate(migrated: boolean): Promise<Blob> {
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite-socket"),
  ]);
  const pglite = await PGlite.create({ dataDir: "memory://" });
  try {
    if (migrated) {
      // Migrated as the app does it: db/migrate.ts through postgres.js over PGlite's socket.
      const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0 });
      await server.start();
      try {
        const sql = postgres(`postgres://postgres@${server.getServerConn()}/postgres`, {
          max: 1,
          onnotice: () => {},
        });
        try {
          await migrate(sql);
        } finally {
          await sql.end({ timeout: 5 });
        }
      } finally {
        await server.stop();
      }
    }
    return await pglite.dumpDataDir("gzip");
  } finally {
    await pglite.close();
  }
}

/** Opens an in-memory PGlite loaded from the (migrated or empty) template of this process. */
export async function openPgliteDatabase(
  { migrated = true, maxConnections = 4 }: { migrated?: boolean; maxConnections?: number } = {},
): Promise<Database> {
  return await openDatabase({
    dataDir: "memory://",
    maxConnections,
    loadDataDir: await pgliteTemplate(migrated),
  });
}

/** Every server-side template's name starts so; the rest is the first 16 hex of the hash. */
const TEMPLATE_PREFIX = "contrail_tpl_";
/** Held on the admin database while a process checks for, makes or drops templates. */
const TEMPLATE_LOCK = 7350499;
/** A template of other migrations is dropped once it is this old (another checkout may use it). */
const STALE_TEMPLATE_MS = 6 * 3_600_000;

const serverUrl = (database: string) => {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

const adminClient = () => postgres(SERVER_URL, { max: 1, onnotice: () => {} });

let serverTemplateName: Promise<string> | undefined;

/**
 * The name of the migrated template database on the server, made if missing. Several test
 * processes run at once, so the check and the making happen under an advisory lock; the
 * template is flagged IS_TEMPLATE only once fully migrated (a half-made one left by a killed
 * process is dropped and made again) and takes no connections afterwards, so nothing keeps
 * CREATE DATABASE ... TEMPLATE from copying it.
 */
export function serverTemplate(): Promise<string> {
  if (!serverTemplateName) {
    serverTemplateName = makeServerTemplate();
    serverTemplateName.catch(() => serverTemplateName = undefined);
  }
  return serverTemplateName;
}

async function makeServerTemplate(): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${(await migrationsHash()).slice(0, 16)}`;
  const admin = adminClient();
  try {
    const conn = await admin.reserve();
    try {
      await conn`SELECT pg_advisory_lock(${TEMPLATE_LOCK})`;
      try {
        const [row] = await conn<{ datistemplate: boolean }[]>`
          SELECT datistemplate FROM pg_database WHERE datname = ${name}`;
        if (!row?.datistemplate) {
          if (row) await conn.unsafe(`DROP DATABASE ${name} WITH (FORCE)`);
          await conn.unsafe(`CREATE DATABASE ${name}`);
          const db = await openDatabase({ databaseUrl: serverUrl(name), maxConnections: 1 });
          try {
            await migrate(db.sql);
          } finally {
            await db.close();
          }
          await conn.unsafe(`COMMENT ON DATABASE ${name} IS 'made ${new Date().toISOString()}'`);
          await conn.unsafe(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
        }
        await dropStaleTemplates(conn, name);
      } finally {
        await conn`SELECT pg_advisory_unlock(${TEMPLATE_LOCK})`;
      }
    } finally {
      conn.release();
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  return name;
}

/** Drops templates of other migrations made long enough ago that no run still copies them. */
async function dropStaleTemplates(sql: postgres.Sql, keep: string): Promise<void> {
  const others = await sql<{ datname: string; made: string | null }[]>`
    SELECT datname, shobj_description(oid, 'pg_database') AS made FROM pg_database
    WHERE starts_with(datname, ${TEMPLATE_PREFIX}) AND datname <> ${keep}`;
  for (const { datname, made } of others) {
    const at = Date.parse(/^made (.+)$/.exec(made ?? "")?.[1] ?? "");
    if (Number.isFinite(at) && Date.now() - at < STALE_TEMPLATE_MS) continue;
    await sql.unsafe(`ALTER DATABASE ${datname} WITH IS_TEMPLATE false`);
    await sql.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

/** Postgres error codes: the template is in use by another session; it does not exist. */
const OBJECT_IN_USE = "55006";
const INVALID_CATALOG_NAME = "3D000";

/** Creates database `name` on the server as a copy of the migrated template. */
async function cloneServerTemplate(admin: postgres.Sql, name: string): Promise<void> {
  for (let attempt = 1;; attempt++) {
    const template = await serverTemplate();
    try {
      await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 50 || (code !== OBJECT_IN_USE && code !== INVALID_CATALOG_NAME)) throw err;
      // Dropped by another run's clean-up: make it again. In use: a session is still closing.
      if (code === INVALID_CATALOG_NAME) serverTemplateName = undefined;
      await new Promise((r) => setTimeout(r, 20 * Math.min(attempt, 10)));
    }
  }
}

/**
 * Runs `fn` with a fresh database on `backend`, migrated unless `migrated: false` (then it is
 * empty): an in-memory PGlite, or a database on the real server that is dropped afterwards.
 */
export async function withDatabase(
  backend: Backend,
  fn: (db: Database) => Promise<void>,
  options: WithDatabaseOptions = {},
): Promise<void> {
  const migrated = options.migrated ?? true;
  const run = async (db: Database) => {
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  };
  if (backend === "pglite") return await run(await openPgliteDatabase({ migrated }));
  await withServerDatabase(
    async (url) => await run(await openDatabase({ databaseUrl: url, maxConnections: 4 })),
    { migrated },
  );
}

/** Registers one Deno test per backend, named "<name> [backend]". */
export function testOnEachBackend(
  name: string,
  fn: (db: Database, backend: Backend) => Promise<void>,
  options: WithDatabaseOptions = {},
): void {
  for (const { backend, ignore } of BACKENDS) {
    Deno.test({
      name: `${name} [${backend}]`,
      ignore,
      // postgres.js keeps timers for idle connections; the database is closed in finally.
      sanitizeResources: false,
      sanitizeOps: false,
      fn: () => withDatabase(backend, (db) => fn(db, backend), options),
    });
  }
}

/**
 * Runs `fn` with the URL of a fresh database on the real server, for the test itself or a
 * server process it starts; drops it afterwards. Empty (no migrations) unless `migrated`,
 * then a copy of the migrated template.
 */
export async function withServerDatabase(
  fn: (url: string) => Promise<void>,
  { migrated = false }: WithDatabaseOptions = {},
): Promise<void> {
  const admin = adminClient();
  const name = `contrail_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  try {
    if (migrated) await cloneServerTemplate(admin, name);
    else await admin.unsafe(`CREATE DATABASE ${name}`);
    try {
      await fn(serverUrl(name));
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}
