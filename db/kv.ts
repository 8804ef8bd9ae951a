import { readinessProbeKey } from "./kv_keys.ts";

/**
 * Opens Deno KV at a path (creating its directory), in memory for ":memory:", or, without a
 * path, the platform's default: on Deno Deploy the KV database assigned to the app.
 */
export async function openKv(path?: string): Promise<Deno.Kv> {
  if (path === undefined) return await Deno.openKv();
  if (path !== ":memory:") {
    const slash = path.lastIndexOf("/");
    if (slash > 0) await Deno.mkdir(path.slice(0, slash), { recursive: true });
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
