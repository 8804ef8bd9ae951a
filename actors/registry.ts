import type { InventoryCommand } from "../domain/inventory/commands.ts";
import type { Inventory, InventoryState } from "../domain/inventory/state.ts";
import { clearHoldExpiries, listDueHolds } from "../db/inventory_kv.ts";
import {
  ActorError,
  type CommandResult,
  FlightActor,
  type FlightActorDeps,
} from "./flight_actor.ts";
import { type IsolateMesh, IsolateUnavailable, RemoteError } from "../platform/isolates.ts";

/** Options for ActorRegistry. */
export interface RegistryOptions {
  /** An actor with nothing to do for this long is dropped from memory (default 5 min). */
  idleMs?: number;
}

/** The isolate that runs a flight's actor: FNV-1a of its id, modulo the isolates. */
export function ownerOf(flightId: string, isolates: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < flightId.length; i++) {
    h ^= flightId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % isolates;
}

const FORWARD = "actor.send";

/**
 * Gets or starts the one actor per flight in this isolate and routes commands to it. With
 * several isolates (`route`), each flight's commands go to the isolate that owns it, so one
 * actor batches them all and versionstamp conflicts stay rare; an actor elsewhere is a read
 * copy that checks KV's event head before it answers. If the owner cannot be reached, the
 * command runs here: the versionstamp check keeps that correct, only slower.
 * Only actors write inventory: everything else calls `send`.
 */
export class ActorRegistry {
  #actors = new Map<string, FlightActor>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #mesh: IsolateMesh | undefined;
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

  /** Routes every flight's commands to the isolate of the mesh that owns it. */
  route(mesh: IsolateMesh): this {
    this.#mesh = mesh;
    mesh.handle(FORWARD, (payload) => {
      const { flightId, cmd } = payload as { flightId: string; cmd: InventoryCommand };
      return this.get(flightId).send(cmd);
    });
    return this;
  }

  /** The isolate whose actor writes this flight, when it is not this one. */
  #remoteOwner(flightId: string): number | undefined {
    const mesh = this.#mesh;
    if (!mesh) return undefined;
    const owner = ownerOf(flightId, mesh.count);
    return owner === mesh.index ? undefined : owner;
  }

  /** Sends a command to the flight's actor (in its owning isolate). */
  async send(flightId: string, cmd: InventoryCommand): Promise<CommandResult> {
    const owner = this.#remoteOwner(flightId);
    if (owner === undefined) return await this.get(flightId).send(cmd);
    try {
      return await this.#mesh!.call<CommandResult>(owner, FORWARD, { flightId, cmd });
    } catch (err) {
      if (err instanceof IsolateUnavailable) return await this.get(flightId).send(cmd);
      if (err instanceof RemoteError && err.name === "ActorError") {
        throw new ActorError(err.remote.code as ActorError["code"], err.message);
      }
      throw err;
    }
  }

  /** The flight's committed inventory. */
  async read(flightId: string): Promise<InventoryState> {
    return (await this.inventory(flightId)).state;
  }

  /** The flight's committed inventory with its seat index, for read-only views. */
  inventory(flightId: string): Promise<Inventory> {
    const copy = this.#remoteOwner(flightId) !== undefined;
    return this.get(flightId).inventory({ fresh: copy });
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
