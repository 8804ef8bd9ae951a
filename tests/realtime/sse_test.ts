import assert from "node:assert/strict";
import {
  encodeComment,
  encodeRetry,
  encodeSse,
  formatComment,
  formatRetry,
  formatSse,
  parseLastEventId,
} from "../../realtime/sse.ts";

Deno.test("sse: a message has event, one data line per line, id and retry", () => {
  assert.equal(
    formatSse({ event: "seats", id: 7, data: '{"a":1}' }),
    'event: seats\ndata: {"a":1}\nid: 7\n\n',
  );
  assert.equal(formatSse({ data: "a\nb\r\nc" }), "data: a\ndata: b\ndata: c\n\n");
  assert.equal(formatSse({ data: "", retry: 2000 }), "data: \nretry: 2000\n\n");
  assert.equal(formatComment("heartbeat"), ": heartbeat\n\n");
});

Deno.test("sse: a newline in an event name or id is refused, not sent", () => {
  assert.throws(() => formatSse({ event: "a\ndata: forged", data: "x" }), RangeError);
  assert.throws(() => formatSse({ id: "1\nevent: x", data: "x" }), RangeError);
  assert.throws(() => formatComment("a\nb"), RangeError);
});

Deno.test("sse: Last-Event-ID comes from the header, then the query; junk is refused", () => {
  const cases: [
    string | null | undefined,
    string | null | undefined,
    number | undefined | "bad",
  ][] = [
    [undefined, undefined, undefined],
    ["", "", undefined],
    ["  ", null, undefined],
    ["42", null, 42],
    [" 42 ", "7", 42],
    [undefined, "7", 7],
    ["0", null, 0],
    ["abc", null, "bad"],
    ["-1", null, "bad"],
    ["1.5", null, "bad"],
    ["1e3", null, "bad"],
    ["9".repeat(16), null, "bad"],
    [undefined, "x", "bad"],
  ];
  for (const [header, query, expected] of cases) {
    const r = parseLastEventId(header, query);
    if (expected === "bad") assert.ok(!r.ok, `${header}/${query}`);
    else assert.deepEqual(r, { ok: true, seq: expected }, `${header}/${query}`);
  }
});

Deno.test("sse: retry and comment frames are the only other frames, and carry no event", () => {
  assert.equal(formatRetry(2000), "retry: 2000\n\n");
  assert.equal(formatRetry(-5), "retry: 0\n\n");
  assert.equal(new TextDecoder().decode(encodeRetry(1500.7)), "retry: 1500\n\n");
  assert.equal(new TextDecoder().decode(encodeComment("heartbeat")), ": heartbeat\n\n");
  assert.equal(
    new TextDecoder().decode(encodeSse({ event: "seat", id: 3, data: "a\nb" })),
    "event: seat\ndata: a\ndata: b\nid: 3\n\n",
  );
  assert.throws(() => encodeComment("x\ny"), RangeError);
});
