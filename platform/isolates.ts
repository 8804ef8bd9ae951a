/**
 * Several isolates in one process, every core busy: the primary isolate starts the others as
 * module workers and links every pair with a MessageChannel, so any isolate can ask any other
 * to do something (run a flight's command, merge metrics) and get the answer back. Each
 * isolate serves HTTP on the same port (SO_REUSEPORT) and shares the process's KV file, whose
 * watches see every isolate's writes.
 */

/** Answers one kind of request from another isolate. */
export type MeshHandler = (payload: unknown) => Promise<unknown> | unknown;

/** Raised to a caller when the isolate it asked is gone or stopping. */
export class IsolateUnavailable extends Error {
  constructor(readonly target: number, reason: string) {
    super(`isolate ${target} is unavailable: ${reason}`);
    this.name = "IsolateUnavailable";
  }
}

/** An error as it crosses a port: enough to rebuild a typed one on the other side. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}

type Wire =
  | { t: "req"; id: number; kind: string; payload: unknown }
  | { t: "res"; id: number; ok: true; value: unknown }
  | { t: "res"; id: number; ok: false; error: WireError };

interface Waiting {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  target: number;
}

/** How long a request to another isolate may take before the caller stops waiting. */
const CALL_TIMEOUT_MS = 10_000;

/** One isolate's links to every other isolate of the process. */
export class IsolateMesh {
  readonly #ports = new Map<number, MessagePort>();
  readonly #handlers = new Map<string, MeshHandler>();
  readonly #waiting = new Map<number, Waiting>();
  #next = 1;
  #closed = false;

  constructor(readonly index: number, readonly count: number, ports: Map<number, MessagePort>) {
    for (const [peer, port] of ports) {
      this.#ports.set(peer, port);
      port.onmessage = (e) => this.#receive(port, e.data as Wire);
      port.start();
    }
  }

  /** Registers what this isolate does when another asks for `kind`. */
  handle(kind: string, handler: MeshHandler): void {
    this.#handlers.set(kind, handler);
  }

  /** Asks isolate `target` to do `kind`; rejects with what it threw, or IsolateUnavailable. */
  call<T>(target: number, kind: string, payload: unknown): Promise<T> {
    const port = this.#ports.get(target);
    if (!port) return Promise.reject(new IsolateUnavailable(target, "no link"));
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.#waiting.delete(id)) reject(new IsolateUnavailable(target, "no answer"));
      }, CALL_TIMEOUT_MS);
      this.#waiting.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
        target,
      });
      port.postMessage({ t: "req", id, kind, payload } satisfies Wire);
    });
  }

  /** Asks every other isolate; a peer that fails or is gone is left out of the answers. */
  async gather<T>(kind: string, payload: unknown): Promise<T[]> {
    const peers = [...this.#ports.keys()];
    const answers = await Promise.allSettled(peers.map((p) => this.call<T>(p, kind, payload)));
    return answers.flatMap((a) => a.status === "fulfilled" ? [a.value] : []);
  }

  /**
   * Stops serving requests: from now on every request gets IsolateUnavailable (its caller
   * then does the work itself), while this isolate drains what it has.
   */
  stopServing(): void {
    this.#closed = true;
  }

  /** Forgets a peer that stopped: whatever waits on it fails at once, later calls too. */
  drop(peer: number): void {
    const port = this.#ports.get(peer);
    if (!port) return;
    this.#ports.delete(peer);
    port.close();
    for (const [id, w] of this.#waiting) {
      if (w.target !== peer) continue;
      this.#waiting.delete(id);
      w.reject(new IsolateUnavailable(peer, "stopped"));
    }
  }

  /** Closes every link and fails whatever still waits on another isolate. */
  close(): void {
    this.#closed = true;
    for (const peer of [...this.#ports.keys()]) this.drop(peer);
  }

  async #receive(port: MessagePort, msg: Wire): Promise<void> {
    if (msg.t === "res") {
      const w = this.#waiting.get(msg.id);
      if (!w) return;
      this.#waiting.delete(msg.id);
      if (msg.ok) w.resolve(msg.value);
      else w.reject(fromWire(msg.error));
      return;
    }
    const handler = this.#handlers.get(msg.kind);
    let reply: Wire;
    try {
      if (this.#closed || !handler) throw new IsolateUnavailable(this.index, "not serving");
      reply = { t: "res", id: msg.id, ok: true, value: await handler(msg.payload) };
    } catch (err) {
      reply = { t: "res", id: msg.id, ok: false, error: toWire(err) };
    }
    port.postMessage(reply);
  }
}

function toWire(err: unknown): WireError {
  const e = err as { name?: string; message?: string; code?: unknown };
  return {
    name: e?.name ?? "Error",
    message: e?.message ?? String(err),
    ...(typeof e?.code === "string" ? { code: e.code } : {}),
  };
}

/** Errors rebuilt from the wire; callers map `name` and `code` back to their own types. */
export class RemoteError extends Error {
  constructor(readonly remote: WireError) {
    super(remote.message);
    this.name = remote.name;
  }
}

function fromWire(e: WireError): Error {
  return e.name === "IsolateUnavailable"
    ? new IsolateUnavailable(-1, e.message)
    : new RemoteError(e);
}

/** What the primary sends each worker isolate first. */
export interface IsolateInit<C> {
  t: "init";
  index: number;
  count: number;
  /** The composition's own settings (the resolved configuration, the bound port). */
  init: C;
  ports: Record<number, MessagePort>;
}

/** Messages between the primary and a worker about its life. */
type Life = { t: "ready" } | { t: "failed"; error: string } | { t: "stop" } | { t: "stopped" };

/** The primary's view of the worker isolates it started. */
export interface WorkerIsolates {
  mesh: IsolateMesh;
  /** Asks every worker to drain and stop, then ends them (after `timeoutMs` at most). */
  stop(timeoutMs: number): Promise<void>;
}

/**
 * Starts `count - 1` worker isolates running `entry` and links all `count` isolates (this
 * one is 0). Resolves once every worker reported ready, rejects if one failed to start.
 */
export async function startWorkerIsolates<C>(
  entry: URL,
  count: number,
  init: C,
  readyTimeoutMs = 60_000,
): Promise<WorkerIsolates> {
  const workers: Worker[] = [];
  const ends: Map<number, MessagePort>[] = Array.from({ length: count }, () => new Map());
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      const channel = new MessageChannel();
      ends[a].set(b, channel.port1);
      ends[b].set(a, channel.port2);
    }
  }
  const ready: Promise<void>[] = [];
  for (let i = 1; i < count; i++) {
    const worker = new Worker(entry, { type: "module", name: `isolate-${i}` });
    workers.push(worker);
    ready.push(
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`isolate ${i} did not start`)),
          readyTimeoutMs,
        );
        worker.addEventListener("message", (e) => {
          const m = e.data as Life;
          if (m.t === "ready") resolve();
          if (m.t === "failed") reject(new Error(`isolate ${i} failed to start: ${m.error}`));
          if (m.t === "ready" || m.t === "failed") clearTimeout(timer);
        });
        worker.addEventListener("error", (e) => {
          clearTimeout(timer);
          reject(new Error(`isolate ${i} crashed: ${e.message}`));
        });
      }),
    );
    const ports = Object.fromEntries(ends[i]);
    worker.postMessage(
      { t: "init", index: i, count, init, ports } satisfies IsolateInit<C>,
      [...ends[i].values()],
    );
  }
  try {
    await Promise.all(ready);
  } catch (err) {
    for (const w of workers) w.terminate();
    throw err;
  }
  const mesh = new IsolateMesh(0, count, ends[0]);
  return {
    mesh,
    async stop(timeoutMs) {
      await Promise.all(workers.map((w, i) =>
        new Promise<void>((resolve) => {
          const gone = () => {
            clearTimeout(timer);
            // Nobody waits on a stopped isolate: every other one stops asking it.
            mesh.drop(i + 1);
            void mesh.gather("drop", i + 1);
            resolve();
          };
          const timer = setTimeout(gone, timeoutMs);
          w.addEventListener("message", (e) => {
            if ((e.data as Life).t === "stopped") gone();
          });
          w.postMessage({ t: "stop" } satisfies Life);
        })
      ));
      mesh.close();
      for (const w of workers) w.terminate();
    },
  };
}

/** True in a worker isolate (started by startWorkerIsolates), false in the primary. */
export function inWorkerIsolate(): boolean {
  const scope = (globalThis as { WorkerGlobalScope?: { new (): unknown } }).WorkerGlobalScope;
  return scope !== undefined && globalThis instanceof scope;
}

/** A worker isolate's side of its life: the init it got, and how it reports back. */
export interface WorkerLife<C> {
  index: number;
  count: number;
  init: C;
  mesh: IsolateMesh;
  ready(): void;
  failed(error: unknown): void;
  /** Runs `drain` when the primary asks this isolate to stop, then reports stopped. */
  onStop(drain: () => Promise<void>): void;
}

/** In a worker isolate: waits for the primary's init message and links the mesh. */
export function workerLife<C>(): Promise<WorkerLife<C>> {
  const self = globalThis as unknown as {
    postMessage(m: Life): void;
    addEventListener(t: "message", f: (e: MessageEvent) => void): void;
    close(): void;
  };
  return new Promise((resolve) => {
    let stop: (() => Promise<void>) | undefined;
    self.addEventListener("message", (e) => {
      const m = e.data as IsolateInit<C> | Life;
      if (m.t === "init") {
        const mesh = new IsolateMesh(
          m.index,
          m.count,
          new Map(Object.entries(m.ports).map(([k, p]) => [Number(k), p])),
        );
        mesh.handle("drop", (peer) => mesh.drop(peer as number));
        resolve({
          index: m.index,
          count: m.count,
          init: m.init,
          mesh,
          ready: () => self.postMessage({ t: "ready" }),
          failed: (err) => self.postMessage({ t: "failed", error: String(err) }),
          onStop: (drain) => stop = drain,
        });
      } else if (m.t === "stop") {
        (stop?.() ?? Promise.resolve()).finally(() => {
          self.postMessage({ t: "stopped" });
          self.close();
        });
      }
    });
  });
}
