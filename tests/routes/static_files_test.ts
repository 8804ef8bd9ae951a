import assert from "node:assert/strict";
import zlib from "node:zlib";
import { Hono } from "hono";
import type { AppEnv } from "../../routes/context.ts";
import { IMMUTABLE, REVALIDATE, staticFiles } from "../../routes/static_files.ts";

const CSS = `.seat { color: navy; }\n`.repeat(100);

async function withStatic(fn: (app: Hono<AppEnv>, root: string) => Promise<void>) {
  const root = `${await Deno.makeTempDir()}/`;
  await Deno.mkdir(`${root}build`);
  const app = new Hono<AppEnv>();
  app.use("/static/*", staticFiles({ root }));
  try {
    await fn(app, root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("static files: a file edited on disk is served anew, with a new ETag", () =>
  withStatic(async (app, root) => {
    await Deno.writeTextFile(`${root}styles.css`, CSS);
    const first = await app.request("/static/styles.css");
    assert.equal(first.headers.get("cache-control"), REVALIDATE);
    assert.match(first.headers.get("content-type") ?? "", /^text\/css/);
    assert.equal(await first.text(), CSS);
    await Deno.writeTextFile(`${root}styles.css`, `${CSS}.aisle { color: red; }\n`);
    const second = await app.request("/static/styles.css");
    assert.equal(await second.text(), `${CSS}.aisle { color: red; }\n`);
    assert.notEqual(second.headers.get("etag"), first.headers.get("etag"));
    await Deno.remove(`${root}styles.css`);
    assert.equal((await app.request("/static/styles.css")).status, 404);
  }));

Deno.test("static files: only names made from a hash of the content are immutable", () =>
  withStatic(async (app, root) => {
    const cases: [string, string][] = [
      ["build/SeatMap-NT332EVF.js", IMMUTABLE],
      ["build/chunk-2WWN5P7P.js", IMMUTABLE],
      ["build/uPlot.esm-BN5DWDVO.js", IMMUTABLE],
      ["build/uPlot.min.css", REVALIDATE],
      ["build/manifest.json", REVALIDATE],
      ["build/SeatMap.js", REVALIDATE],
      ["sw.js", REVALIDATE],
    ];
    for (const [name, cacheControl] of cases) {
      await Deno.writeTextFile(`${root}${name}`, "export{};\n".repeat(200));
      const res = await app.request(`/static/${name}`, { headers: { "Accept-Encoding": "br" } });
      assert.equal(res.headers.get("cache-control"), cacheControl, name);
      assert.equal(res.headers.get("content-encoding"), "br", name);
      assert.equal(res.headers.get("vary"), "Accept-Encoding", name);
      const text = zlib.brotliDecompressSync(new Uint8Array(await res.arrayBuffer())).toString();
      assert.equal(text, "export{};\n".repeat(200), name);
    }
    // A file that encoding would not shrink goes as it is, under its strong ETag.
    await Deno.writeTextFile(`${root}favicon.svg`, "<svg/>");
    const icon = await app.request("/static/favicon.svg", { headers: { "Accept-Encoding": "br" } });
    assert.equal(icon.headers.get("content-encoding"), null);
    assert.match(icon.headers.get("etag") ?? "", /^"/);
    assert.equal(await icon.text(), "<svg/>");
  }));
