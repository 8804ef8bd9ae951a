import assert from "node:assert/strict";
import { ROOT } from "./support/server.ts";

Deno.test("build: `deno task build` writes one browser bundle per island that hydrates it", async () => {
  const out = await new Deno.Command("deno", {
    args: ["task", "build"],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const islands = [...Deno.readDirSync(`${ROOT}islands`)]
    .filter((e) => /^[A-Z].*\.tsx$/.test(e.name))
    .map((e) => e.name.replace(/\.tsx$/, ""));
  assert.ok(islands.includes("DepartureBoard"));
  for (const name of islands) {
    const js = await Deno.readTextFile(`${ROOT}static/build/${name}.js`);
    assert.match(js, new RegExp(`"${name}"`), `${name} bundle does not name its island`);
    assert.doesNotMatch(js, /Deno\.|from"npm:|from "npm:/, `${name} bundle is not browser code`);
  }
  await assert.rejects(() => Deno.stat(`${ROOT}static/build/_entries`), Deno.errors.NotFound);
});
