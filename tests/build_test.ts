import assert from "node:assert/strict";
import { ROOT } from "./support/server.ts";
import { isIsland } from "../islands/island.ts";

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

Deno.test("build: one browser bundle per island under the name it declares, and a manifest naming them", async () => {
  const outDir = await Deno.makeTempDir();
  try {
    const out = await new Deno.Command("deno", {
      args: ["run", "-A", "scripts/build_islands.ts", `--outdir=${outDir}`],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const islands = await declaredNames();
    assert.ok(islands.includes("DepartureBoard"));
    for (const name of islands) {
      const js = await Deno.readTextFile(`${outDir}/${name}.js`);
      assert.match(js, new RegExp(`"${name}"`), `${name} bundle does not name its island`);
      assert.doesNotMatch(js, /Deno\.|"npm:/, `${name} bundle is not browser code`);
    }
    // The production server refuses to start without this manifest (platform/startup_config.ts).
    const manifest = JSON.parse(await Deno.readTextFile(`${outDir}/manifest.json`));
    assert.deepEqual(manifest.islands, [...islands].sort());
    const leftovers = [...Deno.readDirSync(`${ROOT}static`)].filter((e) =>
      e.name.startsWith(".entries-")
    );
    assert.deepEqual(leftovers, []);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
