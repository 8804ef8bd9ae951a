/**
 * A child process for the tracing test, run with OTEL_DENO=true: it connects to the test's
 * database (argument 1, migrated and seeded), holds a seat through a flight actor and
 * projects the flight into Postgres, then exits so Deno flushes its spans to the exporter.
 */
import { openDatabase } from "../../db/postgres.ts";
import { ActorRegistry } from "../../actors/registry.ts";
import { projectFlight } from "../../actors/projector.ts";
import { loadInventoryFromPostgres } from "../../db/inventory_repo.ts";
import { manualClock } from "../../domain/clock.ts";
import { createLogger } from "../../platform/log.ts";

const [url, flightId] = Deno.args;
const db = await openDatabase({ databaseUrl: url, maxConnections: 1 });
const kv = await Deno.openKv(":memory:");
const registry = new ActorRegistry({
  kv,
  clock: manualClock("2030-02-20T00:00:00Z"),
  log: createLogger({ sink: () => {} }),
  source: (id) => loadInventoryFromPostgres(db.sql, id),
});
const held = await registry.send(flightId, {
  type: "HoldSeats",
  holdId: crypto.randomUUID(),
  owner: crypto.randomUUID(),
  cabin: "Y",
  count: 1,
});
if (!held.ok) throw new Error(`hold refused: ${held.reason}`);
await projectFlight(kv, db.sql, flightId);
kv.close();
await db.close();
