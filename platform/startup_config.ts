/**
 * What `main.ts` settles before it opens anything: the configuration, that this process may
 * read and write the local paths the configuration names, and (production server) that the
 * island bundles were built. A problem is one line on stderr and exit code 1, never a trace.
 */
import {
  type Config,
  ConfigError,
  ensureSecrets,
  generatesSecrets,
  parseConfig,
  readEnv,
  type ResolvedConfig,
} from "./config.ts";
import {
  BUILD_DIR,
  type BuildManifest,
  BuildManifestError,
  readBuildManifest,
} from "./build_manifest.ts";

/** A local path a command reads and writes, with the variable that names it. */
export interface StoragePath {
  variable: "DATA_DIR" | "KV_PATH";
  path: string;
  /** A directory the process creates files in, or a single file (a KV file). */
  kind: "dir" | "file";
}

/** A start-up problem, told in one line that names the variable or file and the fix. */
export class StartupError extends Error {
  override name = "StartupError";
}

/** Options of storagePaths. */
export interface StoragePathsOptions {
  /** "serve", "seed" or "migrate". */
  command: string;
  /** KV_PATH was set, so the KV file is named by it rather than by DATA_DIR. */
  kvPathSet: boolean;
}

/** The local paths a command will touch under `config` (pure): none on Deno Deploy. */
export function storagePaths(
  config: Config,
  { command, kvPathSet }: StoragePathsOptions,
): StoragePath[] {
  if (config.onDeploy) return [];
  // Only the server opens KV; seed and migrate stop after Postgres.
  // A KV Connect URL (several machines sharing one KV) is no local file.
  const local = config.kvPath && config.kvPath !== ":memory:" && !isKvUrl(config.kvPath);
  const kv = command === "serve" && local ? config.kvPath : undefined;
  const paths: StoragePath[] = [];
  if (!config.databaseUrl || generatesSecrets(config) || (kv && !kvPathSet)) {
    paths.push({ variable: "DATA_DIR", path: config.dataDir, kind: "dir" });
  }
  if (kv && kvPathSet) paths.push({ variable: "KV_PATH", path: kv, kind: "file" });
  return paths;
}

/** Whether a KV_PATH names a KV Connect server rather than a file. */
export function isKvUrl(path: string): boolean {
  return /^https?:\/\//.test(path);
}

async function granted(name: "read" | "write", path: string): Promise<boolean> {
  const status = await Deno.permissions.query({ name, path });
  // "prompt" asks on a terminal and is refused without one, as Deno itself would do.
  if (status.state === "prompt") {
    return (await Deno.permissions.request({ name, path })).state === "granted";
  }
  return status.state === "granted";
}

/** Throws a StartupError unless this process may use `storage`, by Deno's rules and the OS's. */
export async function checkStorage(storage: StoragePath): Promise<void> {
  const { variable, path, kind } = storage;
  for (const name of ["read", "write"] as const) {
    if (await granted(name, path)) continue;
    throw new StartupError(
      `${variable}=${path} is outside this process's --allow-${name}: start it with ` +
        "`deno task start` (or dev, serve, seed, migrate), which grants DATA_DIR and KV_PATH, " +
        `or add --allow-read=${path} --allow-write=${path} to deno run.`,
    );
  }
  try {
    if (kind === "dir") {
      await Deno.mkdir(path, { recursive: true });
      // Deno's permission is not the OS's: a directory owned by another user, or a read-only
      // volume, only shows on an actual write.
      await Deno.remove(await Deno.makeTempFile({ dir: path, prefix: ".write-probe-" }));
    } else {
      const slash = path.lastIndexOf("/");
      const dir = slash > 0 ? path.slice(0, slash) : undefined;
      if (dir && (await Deno.permissions.query({ name: "write", path: dir })).state === "granted") {
        await Deno.mkdir(dir, { recursive: true });
      }
      (await Deno.open(path, { read: true, write: true, create: true })).close();
    }
  } catch (err) {
    const fix = kind === "dir"
      ? "choose a directory this user can write, or give it that user"
      : "choose a file this user can write, in a directory that exists";
    throw new StartupError(
      `${variable}=${path} cannot be ${kind === "dir" ? "written" : "opened"} ` +
        `(${(err as Error).message}): ${fix}.`,
    );
  }
}

/** Throws a StartupError unless `deno task build` wrote every island bundle into `dir`. */
export async function checkIslandBundles(dir = BUILD_DIR): Promise<void> {
  const fix = "build them with `deno task build` first (`deno task start` does).";
  let manifest: BuildManifest;
  try {
    manifest = await readBuildManifest(dir);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new StartupError(
        `${dir}manifest.json is missing: the island bundles were not built; ${fix}`,
      );
    }
    if (!(err instanceof BuildManifestError)) throw err;
    throw new StartupError(`${dir}manifest.json is not a build manifest; ${fix}`);
  }
  for (const name of manifest.islands) {
    const file = `${dir}${manifest.bundles[name]}`;
    try {
      await Deno.stat(file);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
      throw new StartupError(`${file} is missing from the island bundles; ${fix}`);
    }
  }
}

async function settle(
  command: string,
  env: Record<string, string | undefined>,
): Promise<ResolvedConfig> {
  const config = parseConfig(env);
  for (const storage of storagePaths(config, { command, kvPathSet: Boolean(env.KV_PATH) })) {
    await checkStorage(storage);
  }
  if (command === "serve" && config.env === "production") await checkIslandBundles();
  return await ensureSecrets(config);
}

/**
 * The validated configuration for `command` ("serve", "seed" or "migrate"), with its storage
 * checked and its dev secrets in place; on any start-up problem, prints it and exits 1.
 */
export async function startupConfig(
  command: string,
  env: Record<string, string | undefined> = readEnv(),
): Promise<ResolvedConfig> {
  try {
    return await settle(command, env);
  } catch (err) {
    if (!(err instanceof ConfigError || err instanceof StartupError)) throw err;
    console.error(err.message);
    Deno.exit(1);
  }
}
