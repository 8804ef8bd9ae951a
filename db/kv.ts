import { readinessProbeKey } from "./kv_keys.ts";

/** True for SQLite's "database is locked": another connection held the write lock too long. */
export function isKvLocked(err: unknown): boolean {
  return err instanceof TypeError && /database is locked/i.test(err.message);
}

const LOCKED_ATTEMPTS = 30;

/**
 * `kv` with its reads and writes tried again (with a growing random pause, up to 30 times) when
 * SQLite answers "database is locked". Several isolates of one process each hold their own
 * connection to the KV file; a write that waits on another's longer than SQLite's busy timeout
 * fails with that error and left nothing written, so the same call (an atomic operation's
 * `commit()` included, checks and all) is safe to repeat. `onRetry` counts each repeat.
 */
export function lockTolerant(kv: Deno.Kv, onRetry: () => void = () => {}): Deno.Kv {
  const retrying = async <T>(call: () => Promise<T>): Promise<T> => {
    for (let attempt = 1;; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (!isKvLocked(err) || attempt >= LOCKED_ATTEMPTS) throw err;
        onRetry();
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 2 ** attempt)));
      }
    }
  };
  const wrapped = new Set(["get", "getMany", "set", "delete", "enqueue"]);
  return new Proxy(kv, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== "function") return value;
      if (prop === "atomic") {
        return () => {
          const op = target.atomic();
          const commit = op.commit.bind(op);
          op.commit = () => retrying(commit);
          return op;
        };
      }
      if (typeof prop === "string" && wrapped.has(prop)) {
        // deno-lint-ignore no-explicit-any
        return (...args: any[]) => retrying(() => value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}

/**
 * Opens Deno KV at a path (creating its directory when allowed to), in memory for ":memory:",
 * or, without a path, the platform's default: on Deno Deploy the KV database assigned to the app.
 * An opened path is `lockTolerant` (`onLockedRetry` counts its repeats).
 */
export async function openKv(path?: string, onLockedRetry?: () => void): Promise<Deno.Kv> {
  if (path === undefined) return await Deno.openKv();
  const slash = path.lastIndexOf("/");
  // A KV Connect server (`https://…`, with DENO_KV_ACCESS_TOKEN from the environment) is
  // opened as it is; only a file path gets its directory made.
  if (path !== ":memory:" && slash > 0 && !/^https?:\/\//.test(path)) {
    const dir = path.slice(0, slash);
    // A KV file may be granted on its own (KV_PATH outside DATA_DIR): its directory must exist.
    const { state } = await Deno.permissions.query({ name: "write", path: dir });
    if (state === "granted") await Deno.mkdir(dir, { recursive: true });
  }
  return lockTolerant(await Deno.openKv(path), onLockedRetry);
}

/** Writes and reads back a probe entry: true when KV accepts writes. */
export async function pingKv(kv: Deno.Kv): Promise<boolean> {
  const key = readinessProbeKey();
  const value = Date.now();
  const result = await kv.set(key, value, { expireIn: 60_000 });
  if (!result.ok) return false;
  const entry = await kv.get<number>(key, { consistency: "strong" });
  return entry.versionstamp !== null;
}
