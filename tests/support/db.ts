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
  /**
   * Start from a database already seeded by `seedTestSchedule(sql, days)` (implies migrated).
   * The test may (and should, to say what it needs) still call it: it then finds everything
   * in place and writes nothing.
   */
  seededDays?: number;
}

// --- Templates ------------------------------------------------------------------------------
// Migrating (and seeding) a fresh database for every test cost seconds per test, PGlite's
// initdb above all. Tests start from copies instead: a PGlite data directory dumped once and
// loaded by each test, and a template database on the server that each test's database is
// created from. Both are named after a hash of what they contain and made once for all test
// files of a run (and kept for later runs): the migrations, and for a seeded one the source of
// everything the seed runs.

/** What a test's database starts as. */
type Template = "empty" | "migrated" | `seeded${number}`;

function templateOf({ migrated = true, seededDays }: WithDatabaseOptions): Template {
  if (seededDays !== undefined) return `seeded${seededDays}`;
  return migrated ? "migrated" : "empty";
}

async function sha256Hex(text: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 (hex) of everything db/migrate.ts applies: the runner itself and every migration. */
export async function migrationsHash(): Promise<string> {
  const parts = [await Deno.readTextFile(new URL("../../db/migrate.ts", import.meta.url))];
  for (const m of await loadMigrations()) parts.push(`${m.version} ${m.name}\n${m.sql}`);
  return await sha256Hex(parts.join("\0"));
}

/**
 * SHA-256 (hex) of the module graph of tests/support/seed.ts as `deno info` resolves it: the
 * contents of every local module and the exact version of every package. A change anywhere in
 * what the seed runs (schedule generator, demo data, airports package) makes a new template.
 */
async function seedSourceHash(): Promise<string> {
  const entry = new URL("./seed.ts", import.meta.url);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry.pathname],
    cwd: new URL("../../", import.meta.url).pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`deno info: ${new TextDecoder().decode(out.stderr)}`);
  const graph: { modules: { specifier: string; error?: string }[] } = JSON.parse(
    new TextDecoder().decode(out.stdout),
  );
  const parts: string[] = [];
  for (const m of graph.modules) {
    if (m.error) throw new Error(`deno info: ${m.specifier}: ${m.error}`);
    parts.push(
      m.specifier.startsWith("file:")
        ? `${m.specifier}\n${await sha256Hex(await Deno.readFile(new URL(m.specifier)))}`
        : m.specifier,
    );
  }
  // Paths are relative to the checkout: another clone of the same code shares the template.
  const root = new URL("../../", import.meta.url).href;
  return await sha256Hex(parts.map((p) => p.replace(root, "")).sort().join("\n"));
}

const templateHashes = new Map<Template, Promise<string>>();

/** The hash a template is named after (the first 16 hex digits of it). */
function templateHash(template: Template): Promise<string> {
  let hash = templateHashes.get(template);
  if (!hash) {
    hash = computeTemplateHash(template);
    hash.catch(() => templateHashes.delete(template));
    templateHashes.set(template, hash);
  }
  return hash;
}

async function computeTemplateHash(template: Template): Promise<string> {
  const parts = [template, await migrationsHash()];
  if (template.startsWith("seeded")) parts.push(await seedSourceHash());
  return (await sha256Hex(parts.join("\n"))).slice(0, 16);
}

/** Runs migrations (and the seed) of `template` on `sql`, a new database. */
async function fill(sql: postgres.Sql, template: Template): Promise<void> {
  if (template === "empty") return;
  await migrate(sql);
  if (template.startsWith("seeded")) {
    // Imported here: the reference airports are big, and most tests never seed.
    const { seedTestSchedule } = await import("./seed.ts");
    await seedTestSchedule(sql, Number(template.slice("seeded".length)));
  }
}

const pgliteDumps = new Map<Template, Promise<Blob>>();

/**
 * A PGlite data directory (a `dumpDataDir()` tarball) that each test's database is loaded
 * from (`openDatabase({ loadDataDir })`). Every test file runs in an isolate of its own, so
 * the dump is kept as a file in the temp directory for the whole run (and later runs): its
 * name carries the template's hash and PGlite's version, and the first isolate to miss it
 * makes it while the others wait.
 */
export function pgliteTemplate(options: WithDatabaseOptions = {}): Promise<Blob> {
  const template = templateOf(options);
  let dump = pgliteDumps.get(template);
  if (!dump) {
    dump = cachedPgliteTemplate(template);
    // A failure is not kept: the next test tries again.
    dump.catch(() => pgliteDumps.delete(template));
    pgliteDumps.set(template, dump);
  }
  return dump;
}

/** Where the dumps are kept between test files and runs. */
const TEMPLATE_DIR = `${tmpdir()}/contrail-test-templates`;
/** A lock file this old belongs to a process that died while making its dump. */
const STALE_LOCK_MS = 120_000;

async function cachedPgliteTemplate(template: Template): Promise<Blob> {
  // The data directory's format is PGlite's: its version (from the resolved package) is part
  // of the name, the path of this checkout is not.
  const resolved = import.meta.resolve("@electric-sql/pglite");
  const pglite = /pglite@([^/]+)/.exec(resolved)?.[1] ?? await sha256Hex(resolved);
  // What the dump leaves out is part of its name too.
  const key = await sha256Hex([await templateHash(template), ...TEMPLATE_DATABASES].join("\n"));
  const path = `${TEMPLATE_DIR}/pglite-${pglite}-${template}-${key.slice(0, 16)}.tar`;
  await Deno.mkdir(TEMPLATE_DIR, { recursive: true });
  while (true) {
    const cached = await Deno.readFile(path).catch((err) => {
      if (err instanceof Deno.errors.NotFound) return null;
      throw err;
    });
    if (cached) return new Blob([cached]);
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
      const dump = await makePgliteTemplate(template);
      const partial = `${path}.${crypto.randomUUID()}.partial`;
      await Deno.writeFile(partial, await dump.bytes());
      await Deno.rename(partial, path);
      await removeStaleDumps();
    } finally {
      lock.close();
      await Deno.remove(`${path}.lock`).catch(() => {});
    }
  }
}

/** Dumps are remade in seconds: ones (or leftovers of ones) not made for a day go. */
async function removeStaleDumps(): Promise<void> {
  for await (const entry of Deno.readDir(TEMPLATE_DIR)) {
    const path = `${TEMPLATE_DIR}/${entry.name}`;
    const stat = await Deno.stat(path).catch(() => undefined);
    if (!stat?.mtime || Date.now() - stat.mtime.getTime() < STALE_DUMP_MS) continue;
    await Deno.remove(path).catch(() => {});
  }
}

/** How old a dump file (or a partial one) may get before the next new dump removes it. */
const STALE_DUMP_MS = 24 * 3_600_000;

async function makePgliteTemplate(template: Template): Promise<Blob> {
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite-socket"),
  ]);
  const pglite = await PGlite.create({ dataDir: "memory://" });
  try {
    if (template !== "empty") {
      // Filled as the app does it: postgres.js over PGlite's socket.
      const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port: 0 });
      await server.start();
      try {
        const sql = postgres(`postgres://postgres@${server.getServerConn()}/postgres`, {
          max: 1,
          onnotice: () => {},
        });
        try {
          await fill(sql, template);
        } finally {
          await sql.end({ timeout: 5 });
        }
      } finally {
        await server.stop();
      }
    }
    // Without template0 and template1 (PGlite never creates a database: a test's database is
    // "postgres"), a third of the files are left to unpack, and a test's PGlite starts in
    // about half the time.
    for (const name of TEMPLATE_DATABASES) {
      await pglite.exec(`ALTER DATABASE ${name} WITH IS_TEMPLATE false`);
      await pglite.exec(`DROP DATABASE ${name}`);
    }
    await pglite.exec("CHECKPOINT");
    return await pglite.dumpDataDir("none");
  } finally {
    await pglite.close();
  }
}

/** The databases initdb makes besides "postgres", left out of the PGlite templates. */
const TEMPLATE_DATABASES = ["template0", "template1"];

/** Opens an in-memory PGlite loaded from the template `options` ask for. */
export async function openPgliteDatabase(
  options: WithDatabaseOptions & { maxConnections?: number } = {},
): Promise<Database> {
  return await openDatabase({
    dataDir: "memory://",
    maxConnections: options.maxConnections ?? 4,
    loadDataDir: await pgliteTemplate(options),
  });
}

/** Every server-side template's name starts so; the rest is its hash. */
const TEMPLATE_PREFIX = "contrail_tpl_";
/** Held on the admin database while a process checks for, makes or drops templates. */
const TEMPLATE_LOCK = 7350499;
/** A template of other contents is dropped once it is this old (another checkout may use it). */
const STALE_TEMPLATE_MS = 6 * 3_600_000;

const serverUrl = (database: string) => {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

const adminClient = () => postgres(SERVER_URL, { max: 1, onnotice: () => {} });

const serverTemplates = new Map<Template, Promise<string>>();
/** The names of the templates this process copies from. */
const templatesInUse = new Set<string>();

/**
 * The name of the template database for `template` on the server, made if missing. Several
 * test files run at once, so the check and the making happen under an advisory lock; a
 * template is flagged IS_TEMPLATE only once filled (a half-made one left by a killed process
 * is dropped and made again) and takes no connections afterwards, so nothing keeps CREATE
 * DATABASE ... TEMPLATE from copying it.
 */
export function serverTemplate(options: WithDatabaseOptions = {}): Promise<string> {
  const template = templateOf(options);
  let name = serverTemplates.get(template);
  if (!name) {
    name = makeServerTemplate(template);
    name.catch(() => serverTemplates.delete(template));
    serverTemplates.set(template, name);
  }
  return name;
}

async function makeServerTemplate(template: Template): Promise<string> {
  const name = `${TEMPLATE_PREFIX}${await templateHash(template)}`;
  templatesInUse.add(name);
  // A seeded template starts as a copy of the migrated one.
  const base = template.startsWith("seeded") ? await serverTemplate() : undefined;
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
          if (base) await createFromTemplate(conn, name, base);
          else await conn.unsafe(`CREATE DATABASE ${name}`);
          const db = await openDatabase({ databaseUrl: serverUrl(name), maxConnections: 1 });
          try {
            await fill(db.sql, base ? template : "migrated");
          } finally {
            await db.close();
          }
          await conn.unsafe(`COMMENT ON DATABASE ${name} IS 'made ${new Date().toISOString()}'`);
          await conn.unsafe(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
        }
        await dropStaleTemplates(conn);
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

/**
 * Drops templates made long enough ago that no other run still copies them; never one this
 * process uses.
 */
async function dropStaleTemplates(sql: postgres.Sql): Promise<void> {
  const all = await sql<{ datname: string; made: string | null }[]>`
    SELECT datname, shobj_description(oid, 'pg_database') AS made FROM pg_database
    WHERE starts_with(datname, ${TEMPLATE_PREFIX})`;
  for (const { datname, made } of all) {
    if (templatesInUse.has(datname)) continue;
    const at = Date.parse(/^made (.+)$/.exec(made ?? "")?.[1] ?? "");
    if (Number.isFinite(at) && Date.now() - at < STALE_TEMPLATE_MS) continue;
    await sql.unsafe(`ALTER DATABASE ${datname} WITH IS_TEMPLATE false`);
    await sql.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

/** Postgres error codes: the template is in use by another session; it does not exist. */
const OBJECT_IN_USE = "55006";
const INVALID_CATALOG_NAME = "3D000";

/**
 * CREATE DATABASE `name` TEMPLATE `template`, retried while a session that just filled the
 * template is still closing ("source database ... is being accessed by other users").
 */
async function createFromTemplate(sql: postgres.Sql, name: string, template: string) {
  for (let attempt = 1;; attempt++) {
    try {
      await sql.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (err) {
      if (attempt >= 50 || (err as { code?: string }).code !== OBJECT_IN_USE) throw err;
      await new Promise((r) => setTimeout(r, 20 * Math.min(attempt, 10)));
    }
  }
}

/** Creates database `name` on the server as a copy of the template `options` ask for. */
async function cloneServerTemplate(
  admin: postgres.Sql,
  name: string,
  options: WithDatabaseOptions,
): Promise<void> {
  for (let attempt = 1;; attempt++) {
    try {
      return await createFromTemplate(admin, name, await serverTemplate(options));
    } catch (err) {
      // Dropped by another run's clean-up after this process looked it up: make it again.
      if (attempt >= 3 || (err as { code?: string }).code !== INVALID_CATALOG_NAME) throw err;
      serverTemplates.clear();
    }
  }
}

/**
 * Runs `fn` with a fresh database on `backend`, migrated (and seeded) as `options` ask, or
 * empty with `migrated: false`: an in-memory PGlite, or a database on the real server that is
 * dropped afterwards.
 */
export async function withDatabase(
  backend: Backend,
  fn: (db: Database) => Promise<void>,
  options: WithDatabaseOptions = {},
): Promise<void> {
  const run = async (db: Database) => {
    try {
      await fn(db);
    } finally {
      // postgres.js's end() waits out its whole timeout (5 s in db.close()) for a connection
      // that was still starting when the pool began to end, though no query is left. The
      // database is thrown away: a second's grace for queries still running is enough.
      await db.sql.end({ timeout: 1 });
      await db.close();
    }
  };
  if (backend === "pglite") return await run(await openPgliteDatabase(options));
  await withServerDatabase(
    async (url) => await run(await openDatabase({ databaseUrl: url, maxConnections: 4 })),
    { migrated: true, ...options },
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
 * server process it starts; drops it afterwards. Empty (no migrations) unless `options` ask
 * for a migrated or seeded one, then a copy of that template.
 */
export async function withServerDatabase(
  fn: (url: string) => Promise<void>,
  options: WithDatabaseOptions = { migrated: false },
): Promise<void> {
  const admin = adminClient();
  const name = `contrail_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  try {
    if (templateOf(options) === "empty") await admin.unsafe(`CREATE DATABASE ${name}`);
    else await cloneServerTemplate(admin, name, options);
    try {
      await fn(serverUrl(name));
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}
