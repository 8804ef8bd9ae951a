import assert from "node:assert/strict";
import { ROOT } from "./support/server.ts";
import { dynamicImports, PAGES, staticImports } from "../scripts/page_weight.ts";

Deno.test("page weight: static imports of minified bundles, not dynamic ones", () => {
  const cases: [string, string, string[]][] = [
    ['import{a as b,c}from"./chunk-A.js";b(c)', "Seat.js", ["chunk-A.js"]],
    ['import"./chunk-B.js";import*as x from"./chunk-C.js"', "Seat.js", [
      "chunk-B.js",
      "chunk-C.js",
    ]],
    ['export*from"./chunk-D.js";export{e}from"./chunk-E.js"', "x.js", ["chunk-D.js", "chunk-E.js"]],
    ['import d,{f}from"../up/chunk-F.js"', "deep/x.js", ["up/chunk-F.js"]],
    ['const m=import("./lazy.js");export{m as default};', "x.js", []],
  ];
  for (const [source, file, want] of cases) assert.deepEqual(staticImports(source, file), want);
  assert.deepEqual(
    dynamicImports('import("./uPlot-X.js").then(f);import{a}from"./chunk-A.js"', "deep/D.js"),
    ["deep/uPlot-X.js"],
  );
});

Deno.test("page weight: reports each page of a fresh build and fails over budget", async () => {
  const outDir = await Deno.makeTempDir();
  const run = async (...args: string[]) => {
    const out = await new Deno.Command("deno", {
      args: ["run", "-A", "scripts/page_weight.ts", `--dir=${outDir}`, ...args],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
    }).output();
    const text = new TextDecoder();
    return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
  };
  try {
    const build = await new Deno.Command("deno", {
      args: ["run", "-A", "scripts/build_islands.ts", `--outdir=${outDir}`],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
    }).output();
    assert.equal(build.code, 0, new TextDecoder().decode(build.stderr));

    const ok = await run();
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    const lines = ok.stdout.trim().split("\n");
    assert.equal(lines.length, PAGES.length + 1);
    PAGES.forEach((spec, i) => {
      const m = /^(\S+)\s+(\d+) files\s+([\d.]+) KB raw\s+([\d.]+) KB gzip/.exec(lines[i]);
      assert.ok(m, lines[i]);
      assert.equal(m[1], spec.page);
      // The islands' shared chunks (Preact at least) are counted too.
      assert.ok(Number(m[2]) > spec.islands.length, lines[i]);
      assert.ok(Number(m[4]) > 0 && Number(m[4]) < Number(m[3]), lines[i]);
    });
    assert.match(lines[1], /^\/search .* budget 60 KB {2}\(/);
    assert.match(lines.at(-1)!, /^total\s+\d+ files/);
    // The dashboard's chart library is a lazy chunk: counted apart, not hidden.
    const admin = lines[PAGES.findIndex((p) => p.page === "/admin")];
    assert.match(admin, /\+ [\d.]+ KB gzip on demand/);

    const over = await run("--budget-kb=1");
    assert.equal(over.code, 1);
    assert.match(over.stdout, /^\/search .*OVER BUDGET/m);
    assert.match(over.stderr, /more JavaScript than its budget/);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
