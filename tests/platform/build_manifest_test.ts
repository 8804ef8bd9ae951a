import assert from "node:assert/strict";
import {
  BuildManifestError,
  islandAssets,
  parseBuildManifest,
} from "../../platform/build_manifest.ts";
import { checkIslandBundles, StartupError } from "../../platform/startup_config.ts";

const MANIFEST = {
  islands: ["SeatMap", "NotificationBell"],
  bundles: { SeatMap: "SeatMap-AAAAAAAA.js", NotificationBell: "NotificationBell-BBBBBBBB.js" },
  imports: { SeatMap: ["chunk-P.js", "chunk-S.js"], NotificationBell: ["chunk-P.js"] },
};

Deno.test("build manifest: a page loads each island's hashed bundle and each shared chunk once", () => {
  const manifest = parseBuildManifest(JSON.stringify(MANIFEST));
  assert.deepEqual(islandAssets(["SeatMap", "NotificationBell"], manifest), {
    scripts: [
      "/static/build/SeatMap-AAAAAAAA.js",
      "/static/build/NotificationBell-BBBBBBBB.js",
    ],
    preloads: ["/static/build/chunk-P.js", "/static/build/chunk-S.js"],
  });
  assert.throws(() => islandAssets(["Nowhere"], manifest), /not in the build/);
});

Deno.test("build manifest: anything but what the build writes is refused", () => {
  const bad = [
    "not json",
    JSON.stringify({ islands: ["SeatMap"] }), // an older build's manifest: names only
    JSON.stringify({ ...MANIFEST, bundles: { ...MANIFEST.bundles, SeatMap: "../x.js" } }),
    JSON.stringify({ ...MANIFEST, imports: { SeatMap: [1] } }),
  ];
  for (const text of bad) assert.throws(() => parseBuildManifest(text), BuildManifestError, text);
});

Deno.test("build manifest: the production server refuses a build missing a bundle it names", async () => {
  const dir = `${await Deno.makeTempDir()}/`;
  try {
    await Deno.writeTextFile(`${dir}manifest.json`, JSON.stringify(MANIFEST));
    await Deno.writeTextFile(`${dir}SeatMap-AAAAAAAA.js`, "export{}");
    await assert.rejects(
      () => checkIslandBundles(dir),
      (err) =>
        err instanceof StartupError && /NotificationBell-BBBBBBBB\.js is missing/.test(err.message),
    );
    await Deno.writeTextFile(`${dir}NotificationBell-BBBBBBBB.js`, "export{}");
    await checkIslandBundles(dir);
    await Deno.writeTextFile(`${dir}manifest.json`, JSON.stringify({ islands: ["SeatMap"] }));
    await assert.rejects(() => checkIslandBundles(dir), /is not a build manifest/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
