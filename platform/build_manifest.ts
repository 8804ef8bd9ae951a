/**
 * The island build's manifest (`static/build/manifest.json`, written last by
 * `deno task build`): which islands were built, the content-hashed file of each island's
 * bundle, and the shared chunks each bundle imports at once (for `modulepreload`). The server
 * reads it once to name the bundles in its pages; hashed names let browsers keep them forever.
 */

/** What `deno task build` writes into `manifest.json`. */
export interface BuildManifest {
  /** Every island built, by the name it declares. */
  islands: string[];
  /** Each island's bundle file in the build directory, e.g. `SeatMap-K3LQ7T2A.js`. */
  bundles: Record<string, string>;
  /** Each island's statically imported chunks (all of them, transitively), e.g. Preact's. */
  imports: Record<string, string[]>;
}

/** The URL path the build directory is served under. */
export const BUILD_URL = "/static/build/";

/** The default build directory, relative to where the server runs (the project root). */
export const BUILD_DIR = "./static/build/";

/** A file name the build may write: hashed bundles and chunks, `manifest.json`, uPlot's CSS. */
const FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A manifest that is not JSON, or not of the shape the build writes. */
export class BuildManifestError extends Error {
  override name = "BuildManifestError";
}

/** Parses a manifest's JSON text; throws a BuildManifestError naming what is wrong. */
export function parseBuildManifest(text: string): BuildManifest {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BuildManifestError("manifest.json is not JSON");
  }
  const islands = value?.islands;
  if (!Array.isArray(islands) || !islands.every((i) => typeof i === "string")) {
    throw new BuildManifestError("manifest.json has no list of islands");
  }
  for (const name of islands) {
    if (!FILE.test(value.bundles?.[name] ?? "")) {
      throw new BuildManifestError(`manifest.json names no bundle for ${name}`);
    }
    const imports = value.imports?.[name];
    if (!Array.isArray(imports) || !imports.every((f) => typeof f === "string" && FILE.test(f))) {
      throw new BuildManifestError(`manifest.json lists no imports for ${name}`);
    }
  }
  return { islands, bundles: value.bundles, imports: value.imports };
}

/** Reads and parses `dir/manifest.json` (dir ends with "/"). */
export async function readBuildManifest(dir = BUILD_DIR): Promise<BuildManifest> {
  return parseBuildManifest(await Deno.readTextFile(`${dir}manifest.json`));
}

let loaded: BuildManifest | undefined;

/**
 * The manifest of the build this process serves, read once (synchronously, on the first page
 * rendered: the production server checked it at start, `dev` and the tests build first).
 */
export function servedManifest(): BuildManifest {
  return loaded ??= parseBuildManifest(Deno.readTextFileSync(`${BUILD_DIR}manifest.json`));
}

/** The URLs a page that uses `islands` loads: each island's bundle and every chunk they import. */
export function islandAssets(
  islands: readonly string[],
  manifest: BuildManifest = servedManifest(),
): { scripts: string[]; preloads: string[] } {
  const scripts = islands.map((name) => {
    const file = manifest.bundles[name];
    if (!file) throw new Error(`island ${name} is not in the build; run \`deno task build\``);
    return BUILD_URL + file;
  });
  const chunks = new Set(islands.flatMap((name) => manifest.imports[name] ?? []));
  return { scripts, preloads: [...chunks].map((file) => BUILD_URL + file) };
}
