import { readinessProbeKey } from "./kv_keys.ts";

/**
 * Opens Deno KV at a path (creating its directory when allowed to), in memory for ":memory:",
 * or, without a path, the platform's default: on Deno Deploy the KV database assigned to the app.
 */
export async function openKv(path?: string): Promise<Deno.Kv> {
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
  return await Deno.openKv(path);
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
