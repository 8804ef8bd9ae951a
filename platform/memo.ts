/** Options for memoizeAsync. */
export interface MemoOptions {
  /** How long a loaded value is served before it is loaded again. */
  ttlMs: number;
  /** Most entries kept; the oldest is dropped past it. */
  max: number;
  now?: () => number;
}

/** A memoized loader; `forget` drops a key (after a write that changes it). */
export interface Memoized<V> {
  (key: string): Promise<V | undefined>;
  forget(key: string): void;
  /** Whether a fresh value (or a load in progress) is cached for `key`. */
  has(key: string): boolean;
  /** Caches a value loaded elsewhere (a batch load), as if `key` had just been loaded. */
  prime(key: string, value: V): void;
}

/**
 * A process-local cache in front of an async loader, for small values read on hot paths
 * (a flight's summary on every booking). Concurrent misses for one key share one load, and
 * an undefined result is not cached, so a key that starts to exist is seen at once.
 */
export function memoizeAsync<V>(
  load: (key: string) => Promise<V | undefined>,
  options: MemoOptions,
): Memoized<V> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; value: Promise<V | undefined> }>();
  const get = (key: string): Promise<V | undefined> => {
    const hit = entries.get(key);
    if (hit && now() - hit.at < options.ttlMs) return hit.value;
    entries.delete(key);
    if (entries.size >= options.max) entries.delete(entries.keys().next().value!);
    const value = load(key);
    const entry = { at: now(), value };
    entries.set(key, entry);
    const drop = () => entries.get(key) === entry && entries.delete(key);
    value.then((v) => v === undefined && drop(), drop);
    return value;
  };
  const fresh = (key: string) => {
    const hit = entries.get(key);
    return !!hit && now() - hit.at < options.ttlMs;
  };
  const prime = (key: string, value: V) => {
    entries.delete(key);
    if (entries.size >= options.max) entries.delete(entries.keys().next().value!);
    entries.set(key, { at: now(), value: Promise.resolve(value) });
  };
  return Object.assign(get, {
    forget: (key: string) => void entries.delete(key),
    has: fresh,
    prime,
  });
}
