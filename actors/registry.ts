import type { InventoryCommand } from "../domain/inventory/commands.ts";
import type { Inventory, InventoryState } from "../domain/inventory/state.ts";
import { clearHoldExpiries, listDueHolds } from "../db/inventory_kv.ts";
import { type CommandResult, FlightActor, type FlightActorDeps } from "./flight_actor.ts";

/** Options for ActorRegistry. */
export interface RegistryOptions {
  /** An actor with nothing to do for this long is dropped from memory (default 5 min). */
  idleMs?: number;
}

/**
 * Gets or starts the one actor per flight in this process and routes commands to it.
 * Only actors write inventory: everything else calls `send`.
 */
export class ActorRegistry {
  #actors = new Map<string, FlightActor>();
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #idleMs: number;

  constructor(private readonly deps: FlightActorDeps, options: RegistryOptions = {}) {
    this.#idleMs = options.idleMs ?? 5 * 60_000;
  }

  /** Starts the idle-eviction timer. */
  start(): this {
    this.#timer ??= setInterval(() => this.evictIdle(), Math.max(1000, this.#idleMs / 2));
    return this;
  }

  /** The actor of a flight, started on first use. */
  get(flightId: string): FlightActor {
    let actor = this.#actors.get(flightId);
    if (!actor) {
      actor = new FlightActor(flightId, this.deps);
      this.#actors.set(flightId, actor);
    }
    return actor;
  }

  /** Sends a command to the flight's actor. */
  send(flightId: string, cmd: InventoryCommand): Promise<CommandResult> {
    return this.get(flightId).send(cmd);
  }

  /** The flight's committed inventory. */
  read(flightId: string): Promise<InventoryState> {
    return this.get(flightId).read();
  }

  /** The flight's committed inventory with its seat index, for read-only views. */
  inventory(flightId: string): Promise<Inventory> {
    return this.get(flightId).inventory();
  }

  /** Drops a flight's actor from memory (a deleted flight); it reloads if used again. */
  forget(flightId: string): void {
    this.#actors.delete(flightId);
  }

  /** Actors currently in memory. */
  get size(): number {
    return this.#actors.size;
  }

  /** Drops actors idle for longer than the idle time; their state stays in KV. */
  evictIdle(now = performance.now()): number {
    let evicted = 0;
    for (const [id, actor] of this.#actors) {
      if (!actor.busy && now - actor.lastUsed >= this.#idleMs) {
        this.#actors.delete(id);
        evicted++;
      }
    }
    return evicted;
  }

  /**
   * Expires every hold the index says is due, a bounded batch at a time: the safety net for
   * delayed queue messages that were lost or late. Returns how many holds were released.
   */
  async sweepExpiredHolds(now = this.deps.clock.now().getTime(), batch = 500): Promise<number> {
    let released = 0;
    for (;;) {
      const due = await listDueHolds(this.deps.kv, now, batch);
      const results = await Promise.all(
        due.map((d) => this.send(d.flightId, { type: "ExpireHold", holdId: d.holdId })),
      );
      const done = results.filter((r) => r.ok && r.events.length > 0).length;
      released += done;
      // An entry whose hold is gone (its state was rebuilt without it) would come back in
      // every batch: drop it.
      const stale = due.filter((_, i) => results[i].ok && results[i].events.length === 0);
      await clearHoldExpiries(this.deps.kv, stale);
      if (due.length < batch) return released;
    }
  }

  /** Waits for every mailbox to empty, then stops the timer (graceful shutdown). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    while ([...this.#actors.values()].some((a) => a.busy)) {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
