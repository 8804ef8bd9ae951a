/**
 * A stand-alone inventory process for crash tests: flight actors, the queue consumer and a
 * tiny HTTP endpoint (`POST /` {flightId, cmd}) that answers only after the commit.
 * Env: KV_PATH, DATABASE_URL.
 */
import { openDatabase } from "../../db/postgres.ts";
import { startInventory } from "../../actors/inventory_runtime.ts";
import { systemClock } from "../../platform/clock.ts";
import { createLogger } from "../../platform/log.ts";

const log = createLogger({ level: "warn" });
const kv = await Deno.openKv(Deno.env.get("KV_PATH")!);
const db = await openDatabase({ databaseUrl: Deno.env.get("DATABASE_URL")!, maxConnections: 4 });
const { registry } = startInventory({
  kv,
  sql: db.sql,
  clock: systemClock,
  log,
  holdTtlMs: 600_000,
  background: true,
});

Deno.serve({
  port: 0,
  hostname: "127.0.0.1",
  onListen: ({ port }) =>
    console.log(JSON.stringify({ msg: "listening", url: `http://127.0.0.1:${port}/` })),
}, async (req) => {
  const { flightId, cmd } = await req.json();
  return Response.json(await registry.send(flightId, cmd));
});
