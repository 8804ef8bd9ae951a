/**
 * `deno task build`: one browser bundle per island in `islands/`, with shared chunks
 * (esm, code-splitting, minified), written to `static/build/` or `--outdir=DIR` (emptied first,
 * so files of earlier builds never pile up), each bundle named after its island and a hash of
 * its content (`SeatMap-K3LQ7T2A.js`, served immutable), and last `manifest.json`, which maps
 * island names to those files and which the production server requires before it serves.
 */
import { isIsland } from "../islands/island.ts";
import type { BuildManifest } from "../platform/build_manifest.ts";
import { staticImports } from "./page_weight.ts";

const root = new URL("../", import.meta.url);
const islandsDir = new URL("islands/", root);
const outArg = Deno.args.find((a) => a.startsWith("--outdir="))?.slice("--outdir=".length);
const outDir = outArg
  ? new URL(outArg.endsWith("/") ? outArg : `${outArg}/`, `file://${Deno.cwd()}/`)
  : new URL("static/build/", root);
// Entries live inside the project so that they resolve through its deno.json import map.
const entriesDir = new URL(`static/.entries-${crypto.randomUUID().slice(0, 8)}/`, root);

// Each island module declares its own name (`export default defineIsland("Name", …)`); the
// build reads it from the module, so a bundle, the manifest and the page agree by construction.
const islands: { name: string; file: string }[] = [];
for await (const entry of Deno.readDir(islandsDir)) {
  // Island modules are islandsDir's PascalCase .tsx files; their parts live in subfolders.
  if (!entry.isFile || !/^[A-Z][A-Za-z0-9]*\.tsx$/.test(entry.name)) continue;
  const island = (await import(new URL(entry.name, islandsDir).href)).default;
  if (!isIsland(island)) {
    console.error(`islands/${entry.name} must \`export default defineIsland("Name", Component)\``);
    Deno.exit(1);
  }
  const twin = islands.find((i) => i.name === island.islandName);
  if (twin) {
    console.error(`islands/${entry.name} and islands/${twin.file} both declare "${twin.name}"`);
    Deno.exit(1);
  }
  islands.push({ name: island.islandName, file: entry.name });
}
islands.sort((a, b) => a.name.localeCompare(b.name));
const names = islands.map((i) => i.name);
if (names.length === 0) {
  console.error("No islands found in islands/");
  Deno.exit(1);
}

await Deno.remove(outDir, { recursive: true }).catch(() => {});
await Deno.mkdir(entriesDir, { recursive: true });
const entries = [];
// The entry's file name becomes the bundle's (<name>.js), renamed below with its hash.
for (const { name, file: source } of islands) {
  const file = new URL(`${name}.ts`, entriesDir);
  await Deno.writeTextFile(
    file,
    `import island from "../../islands/${source}";\n` +
      `import { hydrateIsland } from "../../islands/island.ts";\n` +
      `hydrateIsland(island);\n`,
  );
  entries.push(file.pathname);
}

let result: Deno.CommandOutput;
try {
  result = await new Deno.Command("deno", {
    args: [
      "bundle",
      "--platform",
      "browser",
      "--format",
      "esm",
      "--code-splitting",
      "--minify",
      "--outdir",
      outDir.pathname,
      ...entries,
    ],
    cwd: root.pathname,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
} finally {
  await Deno.remove(entriesDir, { recursive: true });
}
if (!result.success) Deno.exit(result.code || 1);
// uPlot's stylesheet travels with its chunk (the dashboard links it; no CDN).
await Deno.copyFile(
  new URL("node_modules/uplot/dist/uPlot.min.css", root),
  new URL("uPlot.min.css", outDir),
);
const manifest: BuildManifest = { islands: names, bundles: {}, imports: {} };
for (const name of names) {
  const bytes = await Deno.readFile(new URL(`${name}.js`, outDir));
  // esbuild's chunk names already carry a hash of their content, and a bundle's text names its
  // chunks: hashing the bundle's own bytes changes its name whenever anything it loads changes.
  const file = `${name}-${await contentHash(bytes)}.js`;
  await Deno.rename(new URL(`${name}.js`, outDir), new URL(file, outDir));
  manifest.bundles[name] = file;
  manifest.imports[name] = await chunkClosure(file);
}
// Written last: a build that stopped half-way leaves no manifest, and the server refuses it.
await Deno.writeTextFile(
  new URL("manifest.json", outDir),
  JSON.stringify(manifest, null, 2) + "\n",
);
console.log(`Built ${names.length} island bundle(s): ${names.join(", ")}`);

/** Eight base32 characters of the SHA-256 of `bytes`, like esbuild's chunk names. */
async function contentHash(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0, out = "";
  for (const byte of digest.subarray(0, 5)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) out += alphabet[(value >>> (bits -= 5)) & 31];
  }
  return out;
}

/** Every chunk `file` imports statically, directly or through other chunks. */
async function chunkClosure(file: string): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [file];
  while (queue.length) {
    const current = queue.shift()!;
    const source = await Deno.readTextFile(new URL(current, outDir));
    for (const chunk of staticImports(source, current)) {
      if (!seen.has(chunk)) queue.push(chunk);
      seen.add(chunk);
    }
  }
  return [...seen].sort();
}
