import assert from "node:assert/strict";
import { ROOT } from "./support/server.ts";
import { isIsland } from "../islands/island.ts";
import { parseBuildManifest } from "../platform/build_manifest.ts";
import { staticImports } from "../scripts/page_weight.ts";

/** The name each island module declares for itself (islands/*.tsx, default export). */
async function declaredNames(): Promise<string[]> {
  const names = [];
  for (const e of Deno.readDirSync(`${ROOT}islands`)) {
    if (!/^[A-Z].*\.tsx$/.test(e.name)) continue;
    const island = (await import(`${ROOT}islands/${e.name}`)).default;
    assert.ok(isIsland(island), `islands/${e.name} does not export default defineIsland(...)`);
    names.push(island.islandName);
  }
  return names;
}

Deno.test("build: one content-hashed bundle per island under the name it declares, a manifest mapping them, no files of older builds", async () => {
  const outDir = await Deno.makeTempDir();
  try {
    // A bundle of an earlier build: the new build must not keep it.
    await Deno.writeTextFile(`${outDir}/Old-AAAAAAAA.js`, "export{}");
    const out = await new Deno.Command("deno", {
      args: ["run", "-A", "scripts/build_islands.ts", `--outdir=${outDir}`],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const islands = await declaredNames();
    assert.ok(islands.includes("DepartureBoard"));
    // The production server refuses to start without this manifest (platform/startup_config.ts).
    const manifest = parseBuildManifest(await Deno.readTextFile(`${outDir}/manifest.json`));
    assert.deepEqual(manifest.islands, [...islands].sort());
    const files = new Set([...Deno.readDirSync(outDir)].map((e) => e.name));
    assert.ok(!files.has("Old-AAAAAAAA.js"), "a bundle of an earlier build is left over");
    for (const name of islands) {
      const file = manifest.bundles[name];
      assert.match(file, new RegExp(`^${name}-[A-Z2-7]{8}\\.js$`));
      const js = await Deno.readTextFile(`${outDir}/${file}`);
      assert.match(js, new RegExp(`"${name}"`), `${name} bundle does not name its island`);
      assert.doesNotMatch(js, /Deno\.|"npm:/, `${name} bundle is not browser code`);
      // Every chunk a bundle loads at once is listed for modulepreload, and exists.
      for (const chunk of staticImports(js, file)) {
        assert.ok(manifest.imports[name].includes(chunk));
      }
      for (const chunk of manifest.imports[name]) assert.ok(files.has(chunk), chunk);
    }
    assert.ok(manifest.imports.SeatMap.length > 0, "Preact is a shared chunk");
    const leftovers = [...Deno.readDirSync(`${ROOT}static`)].filter((e) =>
      e.name.startsWith(".entries-")
    );
    assert.deepEqual(leftovers, []);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
