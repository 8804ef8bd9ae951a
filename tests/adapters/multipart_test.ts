import assert from "node:assert/strict";
import {
  multipartBoundary,
  MultipartError,
  type MultipartErrorKind,
  readMultipartFile,
} from "../../adapters/multipart.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** `bytes` as a stream of chunks of the given sizes, cycling through them. */
function chunked(bytes: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let at = 0;
  let n = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const size = sizes[n++ % sizes.length];
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of stream) parts.push(p);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function formBody(form: FormData) {
  const req = new Request("http://test/upload", { method: "POST", body: form });
  return {
    contentType: req.headers.get("content-type")!,
    bytes: new Uint8Array(await req.arrayBuffer()),
  };
}

async function readFile(
  bytes: Uint8Array,
  contentType: string,
  sizes: number[],
  maxBytes?: number,
) {
  const file = await readMultipartFile(chunked(bytes, sizes), contentType, {
    field: "file",
    maxBytes,
  });
  return { ...file, content: await collect(file.body) };
}

async function failure(promise: Promise<unknown>): Promise<MultipartErrorKind> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof MultipartError, String(err));
    return err.kind;
  }
  assert.fail("expected a MultipartError");
}

const CSV = "flight_number,origin\r\n101,LHR\r\n--not-a-boundary\r\n" +
  "x".repeat(300) + "\r\n\r\n--\r\n";
const SIZES = [[1], [2], [3], [7], [13, 1, 64], [40, 41, 42], [1 << 16]];

Deno.test("multipart: a FormData file arrives intact whatever the chunk sizes", async () => {
  const form = new FormData();
  form.append("note", "before the file");
  form.append("file", new File([CSV], "flights.csv", { type: "text/csv" }));
  form.append("after", "ignored");
  const { contentType, bytes } = await formBody(form);
  for (const sizes of SIZES) {
    const file = await readFile(bytes, contentType, sizes);
    assert.equal(dec.decode(file.content), CSV, `chunks of ${sizes}`);
    assert.equal(file.filename, "flights.csv");
    assert.equal(file.contentType, "text/csv");
  }
});

Deno.test("multipart: binary content with every byte value is passed through", async () => {
  const data = new Uint8Array(5000).map((_, i) => (i * 7 + (i >> 8)) & 255);
  const form = new FormData();
  form.append("file", new File([data], "blob.bin"));
  const { contentType, bytes } = await formBody(form);
  for (const sizes of SIZES) {
    assert.deepEqual((await readFile(bytes, contentType, sizes)).content, data);
  }
});

Deno.test("multipart: a hand-made body with preamble, padding and quoted boundary", async () => {
  const body = "This is the preamble.\r\n--b 1\r\n" +
    'Content-Disposition: form-data; name="other"\r\n\r\nskip me\r\n' +
    "--b 1  \t\r\n" +
    'content-disposition: form-data; name="file"; filename="a \\"q\\".csv"\r\n' +
    "\r\nline 1\r\n--b 2 is not it\r\nline 3" +
    '\r\n--b 1\r\nContent-Disposition: form-data; name="file"\r\n\r\nsecond file ignored' +
    "\r\n--b 1--\r\nepilogue";
  for (const sizes of SIZES) {
    const file = await readFile(enc.encode(body), 'multipart/form-data; boundary="b 1"', sizes);
    assert.equal(dec.decode(file.content), "line 1\r\n--b 2 is not it\r\nline 3");
    assert.equal(file.filename, 'a "q".csv');
  }
});

Deno.test("multipart: an empty file part gives an empty stream", async () => {
  const body = '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\n\r\n--x--\r\n';
  const file = await readFile(enc.encode(body), "multipart/form-data; boundary=x", [5]);
  assert.equal(file.content.length, 0);
});

// [what, content type, expected kind]
const badTypes: [string, string | null, MultipartErrorKind][] = [
  ["a JSON body", "application/json", "not_multipart"],
  ["no Content-Type", null, "not_multipart"],
  ["no boundary", "multipart/form-data", "no_boundary"],
  ["an over-long boundary", `multipart/form-data; boundary=${"b".repeat(71)}`, "no_boundary"],
];
for (const [what, type, kind] of badTypes) {
  Deno.test(`multipart: ${what} is refused as ${kind}`, () => {
    assert.throws(
      () => multipartBoundary(type),
      (e) => e instanceof MultipartError && e.kind === kind,
    );
  });
}

Deno.test("multipart: a form without the file part is no_file", async () => {
  const form = new FormData();
  form.append("other", "value");
  const { contentType, bytes } = await formBody(form);
  assert.equal(await failure(readFile(bytes, contentType, [3])), "no_file");
});

Deno.test("multipart: a body cut anywhere before its closing boundary is truncated", async () => {
  const form = new FormData();
  form.append("file", new File([CSV], "flights.csv"));
  const { contentType, bytes } = await formBody(form);
  const closing = dec.decode(bytes).lastIndexOf("--");
  for (let cut = 0; cut < closing; cut += 3) {
    const kind = await failure(readFile(bytes.slice(0, cut), contentType, [17]));
    assert.equal(kind, "truncated", `cut at ${cut}`);
  }
});

Deno.test("multipart: a body stream that errors mid-way is truncated", async () => {
  const form = new FormData();
  form.append("file", new File([CSV], "flights.csv"));
  const { contentType, bytes } = await formBody(form);
  let sent = false;
  const broken = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) return controller.error(new Error("connection reset"));
      sent = true;
      controller.enqueue(bytes.slice(0, 200));
    },
  });
  const file = await readMultipartFile(broken, contentType, { field: "file" });
  assert.equal(await failure(collect(file.body)), "truncated");
});

Deno.test("multipart: a body over maxBytes is too_large, while streaming", async () => {
  const form = new FormData();
  form.append("file", new File([CSV.repeat(50)], "flights.csv"));
  const { contentType, bytes } = await formBody(form);
  assert.equal(await failure(readFile(bytes, contentType, [64], 1000)), "too_large");
  const fits = await readFile(bytes, contentType, [64], bytes.length);
  assert.equal(dec.decode(fits.content), CSV.repeat(50));
});
