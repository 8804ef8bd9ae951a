import assert from "node:assert/strict";
import { readLeadingField } from "../../routes/middleware/streamed_form.ts";

function formRequest(form: FormData): Request {
  return new Request("http://x/admin/flights/upload", { method: "POST", body: form });
}

/** A body that arrives `size` bytes at a time, as a slow client sends it. */
function trickle(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

Deno.test("leading field: the first field's value, and the whole body still readable after", async () => {
  const form = new FormData();
  form.append("_csrf", "tök-en_123");
  form.append("file", new File(["a,b\n1,2\n"], "f.csv", { type: "text/csv" }));
  const original = formRequest(form);
  const type = original.headers.get("content-type")!;
  const bytes = new Uint8Array(await original.arrayBuffer());
  for (const size of [1, 7, 64, bytes.length]) {
    const req = new Request("http://x/u", {
      method: "POST",
      headers: { "content-type": type },
      body: trickle(bytes, size),
      duplex: "half",
    } as RequestInit);
    const { value, request } = await readLeadingField(req, "_csrf");
    assert.equal(value, "tök-en_123", `chunks of ${size}`);
    assert.deepEqual(new Uint8Array(await request.arrayBuffer()), bytes);
    const parsed = await new Request("http://x/u", {
      method: "POST",
      headers: { "content-type": type },
      body: bytes,
    }).formData();
    assert.equal(await (parsed.get("file") as File).text(), "a,b\n1,2\n");
  }
});

Deno.test("leading field: none when another part comes first or the body is not multipart", async () => {
  const form = new FormData();
  form.append("file", new File(["x"], "f.csv"));
  form.append("_csrf", "late");
  const late = await readLeadingField(formRequest(form), "_csrf");
  assert.equal(late.value, undefined);
  assert.match(await late.request.text(), /name="_csrf"\r\n\r\nlate/);

  const asFile = new FormData();
  asFile.append("_csrf", new File(["sneaky"], "_csrf.txt"));
  assert.equal((await readLeadingField(formRequest(asFile), "_csrf")).value, undefined);

  const urlencoded = new Request("http://x/u", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "_csrf=abc",
  });
  const plain = await readLeadingField(urlencoded, "_csrf");
  assert.equal(plain.value, undefined);
  assert.equal(await plain.request.text(), "_csrf=abc");
});

Deno.test("leading field: stops reading after 8 KiB without finding the end of the field", async () => {
  const boundary = "b0undary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n`;
  const huge = new TextEncoder().encode(head + "x".repeat(64 * 1024));
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (pulled >= huge.length) return c.close();
      c.enqueue(huge.slice(pulled, pulled + 1024));
      pulled += 1024;
    },
  });
  const req = new Request("http://x/u", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: "half",
  } as RequestInit);
  const { value } = await readLeadingField(req, "_csrf");
  assert.equal(value, undefined);
  assert.ok(pulled <= 10 * 1024, `read ${pulled} bytes`);
});
