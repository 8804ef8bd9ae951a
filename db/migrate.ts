import type { Sql } from "./postgres.ts";

/** One numbered SQL migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** What a migration run did. */
export interface MigrationResult {
  applied: number[];
  alreadyApplied: number[];
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Reads `db/migrations/NNNN_name.sql` in version order; rejects gaps and duplicates. */
export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile || !entry.name.endsWith(".sql")) continue;
    const match = FILE_NAME.exec(entry.name);
    if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${entry.name}`);
    const sql = await Deno.readTextFile(new URL(entry.name, dir));
    migrations.push({
      version: Number(match[1]),
      name: match[2],
      sql,
      checksum: await sha256(sql),
    });
  }
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `Migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`,
      );
    }
  });
  return migrations;
}

/**
 * Applies every migration not yet recorded, each in its own transaction, in order.
 * An advisory lock keeps two starting processes from migrating at once, and a changed
 * checksum of an applied migration stops the run: applied files are never edited.
 */
export async function migrate(sql: Sql, migrations?: Migration[]): Promise<MigrationResult> {
  const all = migrations ?? await loadMigrations();
  await sql`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`;
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  for (const m of all) {
    await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(7350413)`;
      const [row] = await tx<{ checksum: string }[]>`
        SELECT checksum FROM schema_migrations WHERE version = ${m.version}`;
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new Error(`Migration ${m.version}_${m.name} was changed after it was applied`);
        }
        result.alreadyApplied.push(m.version);
        return;
      }
      await tx.unsafe(m.sql);
      await tx`
        INSERT INTO schema_migrations (version, name, checksum)
        VALUES (${m.version}, ${m.name}, ${m.checksum})`;
      result.applied.push(m.version);
    });
  }
  return result;
}
