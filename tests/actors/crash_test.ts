import assert from "node:assert/strict";
import { openDatabase } from "../../db/postgres.ts";
import { getInventory } from "../../db/inventory_kv.ts";
import { reconcileFlight } from "../../actors/projector.ts";
import type { CommandResult } from "../../actors/flight_actor.ts";
import type { InventoryCommand } from "../../domain/inventory/commands.ts";
import { BACKENDS, withServerDatabase } from "../support/db.ts";
import { startServer } from "../support/server.ts";
import { insertFlight } from "../support/inventory.ts";

const postgres = BACKENDS.find((b) => b.backend === "postgres")!;
const ROUNDS = 4;
const CLIENTS = 16;

/** Outcomes the clients saw: only acknowledged ones are promises the system must keep. */
interface Ledger {
  holds: Set<string>;
  confirms: Map<string, string>;
  toConfirm: string[];
  sent: number;
  unanswered: number;
}

/**
 * One round: clients keep commands in flight (confirm what is held, else hold) until the
 * process dies under them: each stops at its first request that gets no answer, so every
 * client has one in flight when `kill` lands, however slow the machine is.
 */
async function round(
  url: string,
  flightId: string,
  n: number,
  ledger: Ledger,
  kill: () => Promise<unknown>,
  killAfterMs: number,
) {
  const send = async (cmd: InventoryCommand) => {
    ledger.sent++;
    const res = await fetch(url, { method: "POST", body: JSON.stringify({ flightId, cmd }) });
    return await res.json() as CommandResult;
  };
  const client = async (lane: number) => {
    for (let i = 0;; i++) {
      const holdId = ledger.toConfirm.shift();
      let result: CommandResult;
      try {
        result = holdId
          ? await send({ type: "ConfirmHold", holdId, owner: "crash", bookingId: `b-${holdId}` })
          : await send({
            type: "HoldSeats",
            holdId: `r${n}-${lane}-${i}`,
            owner: "crash",
            cabin: "Y",
            count: 1,
          });
      } catch {
        // The process died under this request: the outcome is unknown, so retry it later.
        if (holdId) ledger.toConfirm.push(holdId);
        ledger.unanswered++;
        return;
      }
      if (holdId) {
        assert.ok(result.ok, `confirm of ${holdId} refused: ${!result.ok && result.reason}`);
        ledger.confirms.set(holdId, `b-${holdId}`);
      } else if (result.ok) {
        ledger.holds.add(result.hold!.id);
        ledger.toConfirm.push(result.hold!.id);
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, lane) => client(lane));
  await new Promise((r) => setTimeout(r, killAfterMs));
  // SIGKILL while the clients still send: none is told to stop first.
  await kill();
  await Promise.all(clients);
}

Deno.test({
  name:
    "crash: SIGKILL during holds and confirms loses no acknowledged command; Postgres converges",
  // Embedded PGlite lives inside the killed process; this test needs a server that survives it.
  ignore: postgres.ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withServerDatabase(async (url) => {
      const db = await openDatabase({ databaseUrl: url, maxConnections: 2 });
      const dir = await Deno.makeTempDir();
      const env = { KV_PATH: `${dir}/kv.sqlite3`, DATABASE_URL: url, NO_COLOR: "1" };
      const start = () => startServer(["-A"], env, { script: "tests/support/inventory_worker.ts" });
      try {
        const flightId = await insertFlight(db.sql, { typeCode: "B77W" });
        const ledger: Ledger = {
          holds: new Set(),
          confirms: new Map(),
          toConfirm: [],
          sent: 0,
          unanswered: 0,
        };
        for (let n = 0; n < ROUNDS; n++) {
          const worker = await start();
          const kill = () => worker.stop("SIGKILL");
          await round(worker.url, flightId, n, ledger, kill, 100 + Math.random() * 300);
        }
        console.log(
          `${ledger.holds.size} holds and ${ledger.confirms.size} confirms acknowledged; ` +
            `${ledger.unanswered} of ${ledger.sent} requests died with the process`,
        );
        assert.ok(ledger.unanswered > 0, "no kill landed while commands were in flight");
        assert.ok(ledger.holds.size > 0 && ledger.confirms.size > 0);

        // Restart: the durable outbox brings Postgres up to date.
        const worker = await start();
        const kv = await Deno.openKv(env.KV_PATH);
        try {
          const state = (await getInventory(kv, flightId))!.state;
          for (const holdId of ledger.holds) {
            const sale = Object.values(state.sales).find((s) => s.holdId === holdId);
            assert.ok(state.holds[holdId] || sale, `acknowledged hold ${holdId} lost`);
          }
          for (const [holdId, bookingId] of ledger.confirms) {
            assert.equal(
              state.sales[bookingId]?.holdId,
              holdId,
              `acknowledged confirm ${bookingId} lost`,
            );
          }
          const seats = [...Object.values(state.holds), ...Object.values(state.sales)].flatMap((
            x,
          ) => x.seats);
          assert.equal(new Set(seats).size, seats.length, "a seat is held or sold twice");
          const deadline = Date.now() + 15_000;
          let report = await reconcileFlight(kv, db.sql, flightId);
          while (report.drift.length && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 100));
            report = await reconcileFlight(kv, db.sql, flightId);
          }
          assert.deepEqual(
            report.drift,
            [],
            `Postgres at seq ${report.postgresSeq} of ${report.kvSeq}`,
          );
        } finally {
          kv.close();
          await worker.stop("SIGTERM");
        }
      } finally {
        await db.close();
        await Deno.remove(dir, { recursive: true });
      }
    }),
});
