/**
 * The data a fuzz run must leave alone: every Postgres table's row count and checksum, and
 * the live inventory of every flight in KV. Two snapshots are compared line by line.
 */
import type { Sql } from "../../db/postgres.ts";
import { getInventory } from "../../db/inventory_kv.ts";

/** A table's size and the md5 of all its rows, in a stable order. */
export interface TableSum {
  rows: number;
  md5: string;
}

/** One flight's inventory in KV: its versionstamp and what it holds, or null when absent. */
export interface InventorySum {
  versionstamp: string;
  holds: number;
  blocked: number;
  closed: boolean;
}

/** Everything compared before and after a run. */
export interface DataSnapshot {
  tables: Record<string, TableSum>;
  inventory: Record<string, InventorySum | null>;
}

/** Reads the checksums of every table in the public schema and every flight's inventory. */
export async function takeSnapshot(sql: Sql, kv: Deno.Kv): Promise<DataSnapshot> {
  const names = await sql<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const tables: Record<string, TableSum> = {};
  for (const { name } of names) {
    const [row] = await sql.unsafe(
      `SELECT count(*)::int AS rows,
              md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5
       FROM "${name.replaceAll('"', '""')}" t`,
    );
    tables[name] = { rows: row.rows, md5: row.md5 };
  }
  const inventory: Record<string, InventorySum | null> = {};
  for (const { id } of await sql<{ id: string }[]>`SELECT id FROM flights ORDER BY id`) {
    const stored = await getInventory(kv, id);
    inventory[id] = stored && {
      versionstamp: stored.versionstamp,
      holds: Object.keys(stored.state.holds).length,
      blocked: stored.state.blocked.length,
      closed: !!stored.state.closed,
    };
  }
  return { tables, inventory };
}

/**
 * Tables that valid reads write by design, with the reason: their changes are reported
 * apart, never as drift.
 */
export const READ_SIDE_EFFECTS: Readonly<Record<string, string>> = {
  search_history: "a signed-in user's valid search is remembered for recommendations",
  inventory_projection: "a flight's inventory loaded by its first read (a seat map, a search) " +
    "is projected as a row of its own; any hold, block or closing in it shows in the KV " +
    "inventory check, which stays drift",
  crew_plans: "opening a day's crew plan (page or API) with none stored, or a stale one, asks " +
    "the background planner for it: a request row for that day (days outside yesterday to " +
    "60 days ahead are refused and store nothing)",
};

/**
 * What changed between two snapshots, one line each: `drift`, and the changes reads make by
 * design (`expected`). A flight's inventory that first appears during the run (loaded by a
 * read) only counts when it holds, blocks or closes anything; one that existed must be
 * untouched.
 */
export function diffSnapshots(
  before: DataSnapshot,
  after: DataSnapshot,
): { drift: string[]; expected: string[] } {
  const out: string[] = [];
  const expected: string[] = [];
  for (const name of new Set([...Object.keys(before.tables), ...Object.keys(after.tables)])) {
    const a = before.tables[name];
    const b = after.tables[name];
    const lines = name in READ_SIDE_EFFECTS ? expected : out;
    if (!a || !b) lines.push(`table ${name}: ${a ? "dropped" : "created"}`);
    else if (a.rows !== b.rows) lines.push(`table ${name}: ${a.rows} → ${b.rows} rows`);
    else if (a.md5 !== b.md5) lines.push(`table ${name}: rows changed (same count ${a.rows})`);
  }
  for (const [id, b] of Object.entries(after.inventory)) {
    const a = before.inventory[id];
    if (a === undefined) out.push(`inventory ${id}: flight created`);
    else if (a === null && b && (b.holds || b.blocked || b.closed)) {
      out.push(`inventory ${id}: loaded with ${b.holds} holds, ${b.blocked} blocked`);
    } else if (a && (!b || a.versionstamp !== b.versionstamp)) {
      out.push(`inventory ${id}: written during the run`);
    }
  }
  for (const id of Object.keys(before.inventory)) {
    if (!(id in after.inventory)) out.push(`inventory ${id}: flight deleted`);
  }
  return { drift: out, expected };
}
