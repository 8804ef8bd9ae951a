import assert from "node:assert/strict";
import zlib from "node:zlib";
import { Hono } from "hono";
import type { AppEnv } from "../../routes/context.ts";
import { compress, negotiateEncoding } from "../../routes/middleware/compress.ts";
import { conditional, matchingTag } from "../../routes/middleware/conditional.ts";

Deno.test("compress: the coding follows Accept-Encoding and its q-values", () => {
  const cases: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ["", undefined],
    ["identity", undefined],
    ["gzip, deflate, br, zstd", "br"], // what Chromium sends
    ["gzip", "gzip"],
    ["GZIP", "gzip"],
    ["x-gzip", "gzip"],
    ["deflate", undefined],
    ["br;q=0.5, gzip", "gzip"],
    ["br;q=0.5, gzip;q=0.4", "br"],
    ["br;q=0, gzip;q=0", undefined],
    ["br;q=0", undefined],
    ["*", "br"],
    ["*;q=0.1, br;q=0", "gzip"],
    ["gzip;q=0.001", "gzip"],
    ["br ; q=0.8 , gzip ; q=0.9", "gzip"],
    // A weight that does not parse is not a yes.
    ["br;q=2, gzip", "gzip"],
    ["br;q=abc", undefined],
    ["br;q=1.000", "br"],
  ];
  for (const [header, want] of cases) assert.equal(negotiateEncoding(header), want, header);
});

Deno.test("conditional: If-None-Match compares weakly and answers with the tag the client holds", () => {
  assert.equal(matchingTag(undefined, '"a"'), undefined);
  assert.equal(matchingTag('"a"', '"a"'), '"a"');
  assert.equal(matchingTag('W/"a"', '"a"'), 'W/"a"');
  assert.equal(matchingTag('"b", W/"a"', 'W/"a"'), 'W/"a"');
  assert.equal(matchingTag('"b"', '"a"'), undefined);
  assert.equal(matchingTag("*", '"a"'), '"a"');
});

const PAGE = `<!doctype html><p>${"Seat 14A, window, available. ".repeat(200)}</p>`;

/** A small app with the two middlewares in the order routes/app.ts mounts them. */
function app(threshold?: number, bufferLimit?: number) {
  const a = new Hono<AppEnv>();
  a.use(compress({ threshold, bufferLimit }));
  a.use(conditional());
  a.get("/page", (c) => {
    c.header("Cache-Control", "private, no-cache");
    return c.html(PAGE);
  });
  a.get("/private", (c) => {
    c.header("Cache-Control", "no-store");
    return c.html(PAGE);
  });
  a.get("/tiny", (c) => c.json({ ok: true }));
  a.get(
    "/encoded",
    (c) => c.body(PAGE, 200, { "Content-Type": "text/html", "Content-Encoding": "br" }),
  );
  a.get(
    "/kept",
    (c) => c.body(PAGE, 200, { "Content-Type": "text/html", "Cache-Control": "no-transform" }),
  );
  a.get("/image", (c) => c.body(PAGE, 200, { "Content-Type": "image/png" }));
  a.get("/events", (c) => {
    const body = new ReadableStream<Uint8Array>({
      start: (ctl) => ctl.enqueue(new TextEncoder().encode(`data: ${"x".repeat(2000)}\n\n`)),
    });
    return c.body(body, 200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  });
  a.get("/stream", (c) => {
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: (ctl) => n++ < 50 ? ctl.enqueue(new TextEncoder().encode(PAGE)) : ctl.close(),
    });
    return c.body(body, 200, { "Content-Type": "text/csv" });
  });
  return a;
}

const decoders = {
  br: (b: Uint8Array) => zlib.brotliDecompressSync(b),
  gzip: (b: Uint8Array) => zlib.gunzipSync(b),
};

Deno.test("compress: HTML goes as Brotli or gzip, decodes to the page, varies on the coding", async () => {
  for (const coding of ["br", "gzip"] as const) {
    const res = await app().request("/page", { headers: { "Accept-Encoding": coding } });
    assert.equal(res.headers.get("content-encoding"), coding);
    assert.equal(res.headers.get("vary"), "Accept-Encoding");
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.ok(bytes.byteLength < PAGE.length / 5, `${coding}: ${bytes.byteLength} bytes`);
    assert.equal(new TextDecoder().decode(decoders[coding](bytes)), PAGE);
  }
  const plain = await app().request("/page");
  assert.equal(plain.headers.get("content-encoding"), null);
  assert.equal(plain.headers.get("vary"), "Accept-Encoding");
  assert.equal(await plain.text(), PAGE);
});

Deno.test("compress: tiny bodies, other encodings, no-transform, images, HEAD and event streams go as they are", async () => {
  const br = { headers: { "Accept-Encoding": "br, gzip" } };
  const tiny = await app().request("/tiny", br);
  assert.equal(tiny.headers.get("content-encoding"), null);
  assert.deepEqual(await tiny.json(), { ok: true });
  assert.equal((await app().request("/encoded", br)).headers.get("content-encoding"), "br");
  assert.equal(await (await app().request("/encoded", br)).text(), PAGE);
  for (const path of ["/kept", "/image"]) {
    const res = await app().request(path, br);
    assert.equal(res.headers.get("content-encoding"), null, path);
    assert.equal(await res.text(), PAGE, path);
  }
  const head = await app().request("/page", { method: "HEAD", ...br });
  assert.equal(head.headers.get("content-encoding"), null);
  await head.body?.cancel();
  // An event stream that never ends: its first frame arrives as written, not encoded.
  const events = await app().request("/events", br);
  assert.equal(events.headers.get("content-encoding"), null);
  assert.equal(events.headers.get("etag"), null);
  const reader = events.body!.getReader();
  const { value } = await reader.read();
  assert.match(new TextDecoder().decode(value), /^data: x{2000}\n\n$/);
  await reader.cancel();
});

Deno.test("compress: a body longer than the buffer is encoded as it streams", async () => {
  const res = await app(1024, 64 * 1024).request("/stream", {
    headers: { "Accept-Encoding": "br" },
  });
  assert.equal(res.headers.get("content-encoding"), "br");
  const text = new TextDecoder().decode(decoders.br(new Uint8Array(await res.arrayBuffer())));
  assert.equal(text, PAGE.repeat(50));
});

Deno.test("conditional: a revalidatable answer gets an ETag, weak once encoded, and a 304 when it is unchanged", async () => {
  const plain = await app().request("/page");
  const strong = plain.headers.get("etag")!;
  assert.match(strong, /^"[A-Za-z0-9_-]{22}"$/);
  const encoded = await app().request("/page", { headers: { "Accept-Encoding": "br" } });
  assert.equal(encoded.headers.get("etag"), `W/${strong}`);
  await encoded.body?.cancel();
  const again = await app().request("/page", {
    headers: { "Accept-Encoding": "br", "If-None-Match": `W/${strong}` },
  });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), "");
  assert.equal(again.headers.get("etag"), `W/${strong}`);
  assert.equal(again.headers.get("cache-control"), "private, no-cache");
  assert.equal(again.headers.get("vary"), "Accept-Encoding");
  assert.equal(again.headers.get("content-encoding"), null);
  assert.equal(again.headers.get("content-type"), null);
  const stale = await app().request("/page", { headers: { "If-None-Match": '"other"' } });
  assert.equal(stale.status, 200);
  assert.equal(await stale.text(), PAGE);
  // An answer about one person is never stored, so it has nothing to revalidate.
  const mine = await app().request("/private", { headers: { "If-None-Match": strong } });
  assert.equal(mine.status, 200);
  assert.equal(mine.headers.get("etag"), null);
  await mine.body?.cancel();
});
