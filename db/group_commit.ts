/**
 * Group commit: callers submit one item each and await its own result, while the writer
 * handles many items per round trip. While a flush is in flight the next items queue up, so
 * batches grow with load and a lone caller is flushed at once (no timer, no added latency).
 * This is how the flight actor already commits; storage writes on hot paths use it too.
 */

/** Writes a batch and returns one result per item, in order (or throws for the batch). */
export type FlushBatch<I, O> = (items: I[]) => Promise<O[]>;

/** Options for groupCommit. */
export interface GroupCommitOptions {
  /** Most items per flush (a storage limit, e.g. KV's 100 checks per atomic). */
  maxBatch: number;
  /** Flushes that may run at once (e.g. a connection pool's size); default 1. */
  concurrency?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

/** Returns a `submit` that batches items into `flush` calls. */
export function groupCommit<I, O>(
  flush: FlushBatch<I, O>,
  options: GroupCommitOptions,
): (item: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  const slots = options.concurrency ?? 1;
  let running = 0;

  const pump = () => {
    while (running < slots && queue.length) {
      const batch = queue.splice(0, options.maxBatch);
      running++;
      flush(batch.map((w) => w.item))
        .then((results) => {
          if (results.length !== batch.length) {
            throw new Error(`flush returned ${results.length} results for ${batch.length} items`);
          }
          batch.forEach((w, i) => w.resolve(results[i]));
        })
        .catch((err) => batch.forEach((w) => w.reject(err)))
        .finally(() => {
          running--;
          pump();
        });
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // Let the current tick's other callers join before the first flush.
      if (queue.length === 1) queueMicrotask(pump);
    });
}

/**
 * Runs `fn` for a key at most once at a time. A call that arrives while a run is in progress
 * gets the next run, which starts when the current one ends and is shared by every call that
 * arrived meanwhile: a burst of triggers for one key costs two runs, not one per trigger.
 */
export function singleFlight<R>(fn: (key: string) => Promise<R>): (key: string) => Promise<R> {
  const running = new Map<string, { done: Promise<R>; next?: Promise<R> }>();
  const start = (key: string): Promise<R> => {
    const slot: { done: Promise<R>; next?: Promise<R> } = { done: fn(key) };
    running.set(key, slot);
    slot.done.catch(() => {}).finally(() => {
      if (running.get(key) === slot && !slot.next) running.delete(key);
    });
    return slot.done;
  };
  return (key) => {
    const slot = running.get(key);
    if (!slot) return start(key);
    // The run in progress may have read the log before this caller's events were written.
    slot.next ??= slot.done.catch(() => {}).then(() => start(key));
    return slot.next;
  };
}
