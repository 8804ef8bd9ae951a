import { ActorError } from "../domain/actor_error.ts";
import type { Clock } from "../domain/clock.ts";
import type { Decision, InventoryCommand } from "../domain/inventory/commands.ts";
import { decide } from "../domain/inventory/decide.ts";
import { applyEvent } from "../domain/inventory/evolve.ts";
import {
  cabinCounters,
  cloneInventory,
  type Hold,
  indexInventory,
  type Inventory,
  type InventoryState,
  type Sale,
} from "../domain/inventory/state.ts";
import {
  commitInventory,
  commitMutations,
  type ExpiryChange,
  getEventHead,
  getInventory,
  listEvents,
  type LoggedEvent,
  type StoredBase,
} from "../db/inventory_kv.ts";
import { flightCounters } from "../db/realtime_kv.ts";
import { isKvLocked } from "../db/kv.ts";
import type { Logger } from "../platform/log.ts";
import {
  actorBatchSize,
  actorCommitDuration,
  countKvRetry,
  holdCounters,
} from "../platform/app_metrics.ts";
import { withSpan } from "../platform/tracing.ts";

/** The answer to a command, given only after its batch is durable in KV. */
export type CommandResult =
  | { ok: true; events: LoggedEvent[]; hold?: Hold; sale?: Sale; seq: number }
  | Extract<Decision, { ok: false }>;

/** Where a flight's first state comes from when KV has none (Postgres, via the repository). */
export type InventorySource = (flightId: string) => Promise<InventoryState | undefined>;

/** What an actor needs. */
export interface FlightActorDeps {
  kv: Deno.Kv;
  clock: Clock;
  log: Logger;
  /** Builds the state from Postgres: the flight's setup plus what the projection knows. */
  source: InventorySource;
  /** Commands taken from the mailbox per batch (default MAX_BATCH). */
  maxBatch?: number;
  /** Called after each commit with the new state (metrics, hubs); must not throw. */
  onCommit?: (state: InventoryState, events: LoggedEvent[]) => void;
}

/** Raised to callers when the flight does not exist or KV keeps failing. */
export { ActorError };

interface Pending {
  cmd: InventoryCommand;
  resolve: (r: CommandResult) => void;
  reject: (e: unknown) => void;
}

/** Commands taken from the mailbox per batch. */
export const MAX_BATCH = 200;
/** KV allows 1000 mutations and 800 KiB per atomic; a batch stops short of both. */
const MAX_MUTATIONS = 990;
// Events are written twice (the log and the state's tail) and a due snapshot takes up to
// 600 KB of the 800 KB an atomic may carry.
const MAX_EVENT_BYTES = 90 * 1024;
const MAX_ATTEMPTS = 50;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts the hold outcomes a durable batch contains. */
function countOutcomes(events: LoggedEvent[]): void {
  for (const { event } of events) {
    if (event.type === "SeatsHeld") holdCounters.held.inc();
    else if (event.type === "HoldConfirmed") holdCounters.confirmed.inc();
    else if (event.type === "HoldReleased") holdCounters[event.reason].inc();
  }
}

/**
 * The single writer of one flight's inventory. Commands queue in a FIFO mailbox; the actor
 * drains it in batches, decides each command against the state, and commits the whole batch
 * in one KV atomic operation checked on the state's versionstamp. Callers are answered only
 * after that commit. A failed check means another instance wrote: reload and decide again.
 */
export class FlightActor {
  /** The committed state: what readers see. */
  #inv: Inventory | undefined;
  /**
   * The working copy commands are decided on and applied to in place; a commit applies the
   * same events to `#inv`. Two copies cost O(events) per batch where one copy per batch cost
   * O(seats); a failed commit drops both and reloads.
   */
  #draft: Inventory | undefined;
  /** What the state was read at (versionstamp null while KV has no state for the flight). */
  #base: StoredBase = { versionstamp: null };
  #mailbox: Pending[] = [];
  #draining: Promise<void> | undefined;
  lastUsed = performance.now();

  constructor(readonly flightId: string, private readonly deps: FlightActorDeps) {}

  /** Commands waiting or being committed. */
  get busy(): boolean {
    return this.#mailbox.length > 0 || this.#draining !== undefined;
  }

  /** The last committed state, if loaded. */
  get state(): InventoryState | undefined {
    return this.#inv?.state;
  }

  /** Queues a command; resolves with its result once durable. */
  send(cmd: InventoryCommand): Promise<CommandResult> {
    this.lastUsed = performance.now();
    return new Promise((resolve, reject) => {
      this.#mailbox.push({ cmd, resolve, reject });
      this.#draining ??= this.#drain();
    });
  }

  /** Reads the committed state (loading it if needed) without changing anything. */
  async read(): Promise<InventoryState> {
    return (await this.inventory()).state;
  }

  /**
   * The committed state with its seat index (shared: callers must not change it). With
   * `fresh`, first checks the flight's event head in KV and catches up when another isolate
   * or process committed since: what a copy that is not the flight's writer must do.
   */
  async inventory(options: { fresh?: boolean } = {}): Promise<Inventory> {
    this.lastUsed = performance.now();
    if (this.#inv && options.fresh && !this.busy) await this.#catchUp();
    if (!this.#inv) await this.#load();
    return this.#inv!;
  }

  /**
   * Applies the events other writers committed since this copy's seq (from the flight's
   * log), or drops the copy when they cannot be read whole. The base stays as it was read, so
   * a command decided here later fails its check and reloads: a copy never writes stale.
   */
  async #catchUp(): Promise<void> {
    const seq = this.#inv!.state.seq;
    const head = await getEventHead(this.deps.kv, this.flightId);
    if (head <= seq) return;
    const events = await listEvents(this.deps.kv, this.flightId, seq + 1, head);
    // A command arrived, or another read caught up, while this one read: leave it to them.
    if (this.busy || this.#inv?.state.seq !== seq || !this.#draft) return;
    if (events.length !== head - seq || events[0]?.seq !== seq + 1) return this.#forget();
    for (const { event } of events) {
      applyEvent(this.#inv, event);
      applyEvent(this.#draft, event);
    }
  }

  async #drain(): Promise<void> {
    // Let callers that sent in the same tick join the first batch.
    await Promise.resolve();
    while (this.#mailbox.length) {
      const batch = this.#mailbox.splice(0, this.deps.maxBatch ?? MAX_BATCH);
      try {
        const results = await this.#commitBatch(batch.map((p) => p.cmd));
        // A batch that would not fit one atomic commit was cut short: the rest goes first next.
        this.#mailbox.unshift(...batch.slice(results.length));
        batch.slice(0, results.length).forEach((p, i) => p.resolve(results[i]));
      } catch (err) {
        this.#forget();
        batch.forEach((p) => p.reject(err));
      }
    }
    // Cleared in the same synchronous step as the empty-mailbox check above: a caller that
    // resumes and sends again must either see the mailbox drained or start a new drain.
    this.#draining = undefined;
  }

  /** Drops both copies: the next command or read loads the state again. */
  #forget(): void {
    this.#inv = undefined;
    this.#draft = undefined;
  }

  #use(inv: Inventory, base: StoredBase): void {
    this.#inv = inv;
    this.#draft = cloneInventory(inv);
    this.#base = base;
  }

  async #load(): Promise<void> {
    const stored = await getInventory(this.deps.kv, this.flightId);
    if (stored) {
      let state = stored.state;
      // Stored before the actor owned the flight's status: Postgres had the last word on it.
      if (!state.ops && !state.retired) {
        const ops = (await this.deps.source(this.flightId))?.ops;
        if (ops) state = { ...state, ops };
      }
      this.#use(indexInventory(state), {
        versionstamp: stored.versionstamp,
        snapshot: stored.snapshot,
      });
      return;
    }
    // Not in KV yet: start from Postgres, but write nothing until a command changes something.
    // Reading a flight (search, seat map) must not cost a KV write: on Deno Deploy every write
    // goes to the primary region, and self-hosted KV commits are the scarcest resource. The
    // first commit checks that the key is still absent, so a writer elsewhere wins cleanly.
    const state = await this.deps.source(this.flightId);
    if (!state) throw new ActorError("flight_not_found", `Flight ${this.flightId} not found`);
    this.#use(indexInventory(state), { versionstamp: null });
  }

  /** One batch in one span: decided and made durable, with its size and time measured. */
  #commitBatch(cmds: InventoryCommand[]): Promise<CommandResult[]> {
    return withSpan("actor.commit", async (span) => {
      const started = performance.now();
      span.setAttribute("contrail.flight_id", this.flightId);
      const { results, events, attempts } = await this.#commitAttempts(cmds);
      span.setAttribute("contrail.commands", results.length);
      span.setAttribute("contrail.events", events);
      span.setAttribute("contrail.attempts", attempts);
      if (events > 0) {
        actorBatchSize.observe(results.length);
        actorCommitDuration.observe((performance.now() - started) / 1000);
      }
      return results;
    });
  }

  async #commitAttempts(cmds: InventoryCommand[]) {
    for (let attempt = 1;; attempt++) {
      let reason: "conflict" | "locked" = "conflict";
      try {
        if (!this.#inv || !this.#draft) await this.#load();
        const draft = this.#draft!;
        const { results, events, expiries, now } = this.#decideAll(draft, cmds);
        if (events.length === 0) return { results, events: 0, attempts: attempt };
        const base = await commitInventory(this.deps.kv, {
          state: draft.state,
          base: this.#base,
          events,
          expiries,
          now,
          counters: flightCounters(this.flightId, draft.state.seq, now, cabinCounters(draft)),
        });
        if (base) {
          const committed = this.#inv!;
          for (const { event } of events) applyEvent(committed, event);
          this.#base = base;
          countOutcomes(events);
          this.deps.onCommit?.(committed.state, events);
          return { results, events: events.length, attempts: attempt };
        }
        // Another instance committed first: its state wins, decide again on top of it.
        this.deps.log.debug("inventory check failed, reloading", {
          flightId: this.flightId,
          attempt,
        });
        this.#forget();
      } catch (err) {
        this.#forget();
        if (!isKvLocked(err) || attempt >= MAX_ATTEMPTS) throw err;
        reason = "locked";
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new ActorError("unavailable", "Inventory is too contended");
      }
      countKvRetry("inventory", reason);
      await sleep(Math.random() * Math.min(100, 2 ** attempt));
    }
  }

  /** Decides `cmds` in order on the working copy, applying accepted events to it in place. */
  #decideAll(draft: Inventory, cmds: InventoryCommand[]) {
    const now = this.deps.clock.now().getTime();
    const results: CommandResult[] = [];
    const events: LoggedEvent[] = [];
    const expiries: ExpiryChange[] = [];
    let bytes = 0;
    for (const cmd of cmds) {
      // A command's event costs at most 5 mutations (log, tail, expiry index, its message,
      // a status log entry); stop before the limits.
      if (commitMutations({ events, expiries }) + 5 > MAX_MUTATIONS || bytes > MAX_EVENT_BYTES) {
        break;
      }
      const decision = decide(draft, cmd, now);
      if (!decision.ok) {
        results.push(decision);
        continue;
      }
      const mine: LoggedEvent[] = [];
      for (const event of decision.events) {
        if (event.type === "SeatsHeld") {
          expiries.push({ op: "add", holdId: event.holdId, expiresAt: event.expiresAt });
        } else if (event.type === "HoldReleased" || event.type === "HoldConfirmed") {
          const hold = draft.state.holds[event.holdId];
          expiries.push({ op: "remove", holdId: event.holdId, expiresAt: hold.expiresAt });
        }
        applyEvent(draft, event);
        mine.push({ seq: draft.state.seq, at: now, event });
        bytes += JSON.stringify(event).length;
      }
      events.push(...mine);
      const holdId = "holdId" in cmd ? cmd.holdId : undefined;
      const bookingId = "bookingId" in cmd ? cmd.bookingId : holdId && draft.saleByHold.get(holdId);
      results.push({
        ok: true,
        events: mine,
        seq: draft.state.seq,
        hold: holdId ? draft.state.holds[holdId] : undefined,
        sale: bookingId ? draft.state.sales[bookingId] : undefined,
      });
    }
    return { results, events, expiries, now };
  }
}
