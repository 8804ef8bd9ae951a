import assert from "node:assert/strict";
import zlib from "node:zlib";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { PageClient } from "../support/pages.ts";
import { servedManifest } from "../../platform/build_manifest.ts";
import { IMMUTABLE, REVALIDATE } from "../../routes/static_files.ts";

const BR = { "Accept-Encoding": "gzip, deflate, br, zstd" };

function test(name: string, fn: (t: Awaited<ReturnType<typeof testApp>>) => Promise<void>) {
  Deno.test({
    name,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: () =>
      withDatabase("pglite", async (db) => {
        await seedTestSchedule(db.sql);
        const t = await testApp(db);
        try {
          await fn(t);
        } finally {
          await t.close();
        }
      }, { seededDays: 1 }),
  });
}

test("transport: a guest's home, search and flight pages come compressed, with an ETag, and a 304 when unchanged", async (t) => {
  const flight = (await (await t.app.request("/api/flights?from=LHR&limit=1")).json()).data[0];
  for (
    const path of [
      "/",
      `/search?from=LHR&to=${flight.destination.iata}&date=2030-03-01`,
      `/flights/${flight.id}`,
    ]
  ) {
    const res = await t.app.request(path, { headers: BR });
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get("content-encoding"), "br", path);
    assert.equal(res.headers.get("cache-control"), "private, no-cache", path);
    assert.match(res.headers.get("vary") ?? "", /Accept-Encoding/, path);
    const etag = res.headers.get("etag") ?? "";
    assert.match(etag, /^W\/"[\w-]{22}"$/, path);
    const html = zlib.brotliDecompressSync(new Uint8Array(await res.arrayBuffer())).toString();
    assert.match(html, /^<!doctype html>/, path);
    // The CSRF cookie goes with the 304 too: a browser may have its page without its cookie.
    const again = await t.app.request(path, { headers: { ...BR, "If-None-Match": etag } });
    assert.equal(again.status, 304, path);
    assert.equal(await again.text(), "");
    assert.equal(again.headers.get("etag"), etag);
    assert.match(again.headers.get("set-cookie") ?? "", /ct_csrf=/, path);
    assert.match(again.headers.get("content-security-policy") ?? "", /script-src 'self'/);
  }
});

test("transport: pages about one person, or carrying a form's token, are never stored or tagged", async (t) => {
  const guest = new PageClient(t.app);
  const login = await guest.get("/login");
  assert.equal(login.headers.get("cache-control"), "no-store");
  assert.equal(login.headers.get("etag"), null);
  await login.body?.cancel();
  const user = new PageClient(t.app);
  await user.register("transport@example.test");
  const home = await user.get("/");
  assert.equal(home.status, 200);
  assert.equal(home.headers.get("cache-control"), "no-store");
  assert.equal(home.headers.get("etag"), null);
  assert.match(await home.text(), /Sign out/);
});

test("transport: island bundles are immutable and encoded once; other static files revalidate by ETag", async (t) => {
  const manifest = servedManifest();
  const bundle = `/static/build/${manifest.bundles.SeatMap}`;
  const res = await t.app.request(bundle, { headers: BR });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), IMMUTABLE);
  assert.equal(res.headers.get("content-encoding"), "br");
  assert.match(res.headers.get("content-type") ?? "", /javascript/);
  const js = zlib.brotliDecompressSync(new Uint8Array(await res.arrayBuffer())).toString();
  assert.equal(js, await Deno.readTextFile(`./static/build/${manifest.bundles.SeatMap}`));
  const chunk = await t.app.request(`/static/build/${manifest.imports.SeatMap[0]}`);
  assert.equal(chunk.headers.get("cache-control"), IMMUTABLE);
  assert.equal(chunk.headers.get("content-encoding"), null, "no Accept-Encoding, no coding");
  await chunk.body?.cancel();

  const css = await t.app.request("/static/styles.css", { headers: { "Accept-Encoding": "gzip" } });
  assert.equal(css.headers.get("cache-control"), REVALIDATE);
  assert.equal(css.headers.get("content-encoding"), "gzip");
  const etag = css.headers.get("etag")!;
  assert.match(etag, /^W\/"/);
  await css.body?.cancel();
  const same = await t.app.request("/static/styles.css", {
    headers: { "Accept-Encoding": "gzip", "If-None-Match": etag },
  });
  assert.equal(same.status, 304);
  assert.equal(await same.text(), "");
  const manifestFile = await t.app.request("/static/build/manifest.json");
  assert.equal(manifestFile.headers.get("cache-control"), REVALIDATE, "not named by its content");
  await manifestFile.body?.cancel();
  for (
    const path of ["/static/../deno.json", "/static/%2e%2e/deno.json", "/static/.entries-x/a.ts"]
  ) {
    const res = await t.app.request(path);
    assert.equal(res.status, 404, path);
    await res.body?.cancel();
  }
});

test("transport: public JSON lists revalidate by ETag; event streams are never encoded", async (t) => {
  for (const path of ["/api/flights?from=LHR", "/api/airports?q=lon", "/api/openapi.json"]) {
    const res = await t.app.request(path, { headers: BR });
    assert.equal(res.status, 200, path);
    const etag = res.headers.get("etag");
    assert.ok(etag, `${path} has an ETag`);
    await res.body?.cancel();
    const again = await t.app.request(path, { headers: { ...BR, "If-None-Match": etag } });
    assert.equal(again.status, 304, path);
  }
  const flight = (await (await t.app.request("/api/flights?from=LHR&limit=1")).json()).data[0];
  const stream = await t.app.request(`/api/flights/${flight.id}/seats/stream`, { headers: BR });
  assert.equal(stream.status, 200);
  assert.match(stream.headers.get("content-type") ?? "", /text\/event-stream/);
  assert.equal(stream.headers.get("content-encoding"), null);
  assert.equal(stream.headers.get("etag"), null);
  const reader = stream.body!.getReader();
  const { value } = await reader.read();
  assert.match(new TextDecoder().decode(value), /^(:|event:|id:|retry:|data:)/m);
  await reader.cancel();
});
