import assert from "node:assert/strict";
import {
  type CsvOptions,
  CsvParser,
  type CsvRecord,
  csvRecordStream,
  RAW_MAX,
} from "../../domain/csv.ts";

/** Records as short strings: `line:field|field` or `line!error`. */
function show(records: CsvRecord[]): string[] {
  return records.map((r) =>
    "error" in r ? `${r.line}!${r.error}` : `${r.line}:${r.fields.join("|")}`
  );
}

function parse(chunks: string[], options?: CsvOptions): string[] {
  const p = new CsvParser(options);
  return show([...chunks.flatMap((c) => p.push(c)), ...p.end()]);
}

// [what, input, expected records, parser options]
const cases: [string, string, (string | RegExp)[], CsvOptions?][] = [
  ["plain LF rows", "a,b,c\n1,2,3\n", ["1:a|b|c", "2:1|2|3"]],
  ["CRLF rows", "a,b\r\n1,2\r\n", ["1:a|b", "2:1|2"]],
  ["no final line break", "a,b\n1,2", ["1:a|b", "2:1|2"]],
  ["lone CR line ends", "a\rb\r", ["1:a", "2:b"]],
  ["a leading BOM", "\uFEFFa,b\n", ["1:a|b"]],
  ["empty fields", ",,\n", ["1:||"]],
  ["a trailing comma at the end of input", "a,", ["1:a|"]],
  ["blank lines are skipped but counted", "a\n\n\r\nb\n", ["1:a", "4:b"]],
  ["an empty quoted field", '"",x\n', ["1:|x"]],
  ["commas and escaped quotes in quotes", 'x,"he said ""hi"", ok",y\n', [
    '1:x|he said "hi", ok|y',
  ]],
  ["a line break inside quotes", 'a,"multi\nline",b\nc,d\n', ["1:a|multi\nline|b", "3:c|d"]],
  ["CRLF inside quotes is kept", 'a,"x\r\ny"\r\nb,c', ["1:a|x\r\ny", "3:b|c"]],
  ["a quote inside an unquoted field", 'a,b"c,d\ne,f\n', [/^1!a quote inside/, "2:e|f"]],
  ["text after a closing quote", '"ab"c,d\ne\n', [/^1!text after the closing quote/, "2:e"]],
  ["an unterminated quote at the end", 'a,"bc\nd,e\nf,g\n', [
    /^1!a quoted field is not closed/,
    "2:d|e",
    "3:f|g",
  ]],
  ["an unterminated quote closed by a later quote", 'a,"bc\nd,e\n"f",g\n', [
    /^1!text after the closing quote/,
    "2:d|e",
    "3:f|g",
  ]],
  ["an unterminated quote on the last line", 'a\n"b', ["1:a", /^2!a quoted field is not closed/]],
  ["a record at the length cap", "abcde\nf", ["1:abcde", "2:f"], { maxRecordLength: 5 }],
  ["a one-line record over the cap", "0123456789abc,d\nx,y\n", [
    /^1!record longer than 10/,
    "2:x|y",
  ], {
    maxRecordLength: 10,
  }],
  ["a quoted record over the cap across lines", 'a,"012\n345678\n9"\nx\n', [
    /^1!record longer than 10/,
    "2:345678",
    /^3!a quote inside/,
    "4:x",
  ], { maxRecordLength: 10 }],
  ["errors on consecutive lines", 'a"\nb"\n"c"d\ne\n', [
    /^1!a quote/,
    /^2!a quote/,
    /^3!text after/,
    "4:e",
  ]],
];

function check(actual: string[], expected: (string | RegExp)[], what: string) {
  assert.equal(actual.length, expected.length, `${what}: ${JSON.stringify(actual)}`);
  expected.forEach((e, i) => {
    if (typeof e === "string") assert.equal(actual[i], e, what);
    else assert.match(actual[i], e, what);
  });
}

for (const [what, input, expected, options] of cases) {
  Deno.test(`csv: ${what}`, () => {
    check(parse([input], options), expected, what);
  });

  Deno.test(`csv: ${what}, split at every position`, () => {
    for (let i = 0; i <= input.length; i++) {
      for (let j = i; j <= input.length; j++) {
        const pieces = [input.slice(0, i), input.slice(i, j), input.slice(j)];
        check(parse(pieces, options), expected, `${what} split at ${i},${j}`);
      }
    }
    check(parse([...input], options), expected, `${what} one character at a time`);
  });
}

/** Each error record as `line:raw`, with `…` when its raw text was cut. */
function rawOf(chunks: string[], options?: CsvOptions): string[] {
  const p = new CsvParser(options);
  return [...chunks.flatMap((c) => p.push(c)), ...p.end()].flatMap((r) =>
    "error" in r ? [`${r.line}:${r.raw}${r.rawTruncated ? "…" : ""}`] : []
  );
}

// [what, input, each broken record's line as sent, parser options]
const rawCases: [string, string, string[], CsvOptions?][] = [
  ["a quote inside an unquoted field keeps its whole line", 'a,b"c,d\ne,f\n', ['1:a,b"c,d']],
  ["text after a closing quote, at the end of input", 'x\n"ab"c,d', ['2:"ab"c,d']],
  ["an unterminated quote keeps its first line only", 'a,"bc\nd,e\n', ['1:a,"bc']],
  ["an unterminated quote on the last line", 'a\n"b', ['2:"b']],
  ["errors on consecutive CRLF lines", 'a"\r\nb"\r\n', ['1:a"', '2:b"']],
  ["a record over the cap on one line", "0123456789abc,d\nx\n", ["1:0123456789abc,d"], {
    maxRecordLength: 10,
  }],
];

for (const [what, input, expected, options] of rawCases) {
  Deno.test(`csv: raw text of ${what}, split anywhere`, () => {
    assert.deepEqual(rawOf([input], options), expected, what);
    for (let i = 0; i <= input.length; i++) {
      const pieces = [input.slice(0, i), input.slice(i)];
      assert.deepEqual(rawOf(pieces, options), expected, `${what} split at ${i}`);
    }
    assert.deepEqual(rawOf([...input], options), expected, `${what} one character at a time`);
  });
}

Deno.test("csv: a too-long line's raw text is cut at RAW_MAX and flagged", () => {
  const long = "x".repeat(70 * 1024);
  for (const chunks of [[`${long}\nok\n`], [long.slice(0, 1000), long.slice(1000), "\nok\n"]]) {
    const p = new CsvParser();
    const records = [...chunks.flatMap((c) => p.push(c)), ...p.end()];
    assert.equal(records.length, 2);
    const [broken, ok] = records;
    assert.ok("error" in broken);
    assert.match(broken.error, /record longer than 65536/);
    assert.equal(broken.raw, "x".repeat(RAW_MAX));
    assert.equal(broken.rawTruncated, true);
    assert.deepEqual(ok, { line: 2, fields: ["ok"] });
  }
  // A line of exactly RAW_MAX characters is kept whole.
  const exact = 'a"' + "y".repeat(RAW_MAX - 2);
  assert.deepEqual(rawOf([`${exact}\n`]), [`1:${exact}`]);
  // Half a surrogate pair is never kept: Postgres text could not hold it.
  const pair = rawOf(['a"' + "y".repeat(RAW_MAX - 3) + "\u{1F600}z"]);
  assert.deepEqual(pair, [`1:a"${"y".repeat(RAW_MAX - 3)}…`]);
});

Deno.test("csv: an unterminated quote does not swallow the rest of a long file", () => {
  const rows = Array.from({ length: 500 }, (_, i) => `${i},"row ${i}",x`);
  rows[10] = '10,"never closed,x';
  const out = parse([rows.join("\n")]);
  assert.equal(out.length, 500);
  assert.match(out[10], /^11!/);
  assert.equal(out[11], "12:11|row 11|x");
  assert.equal(out[499], "500:499|row 499|x");
});

Deno.test("csv: 100,000 records stream through with their line numbers", async () => {
  const n = 100_000;
  let i = 0;
  const source = new ReadableStream<string>({
    pull(controller) {
      if (i >= n) return controller.close();
      // Uneven chunks that cut records anywhere, including inside quotes and CRLF pairs.
      let chunk = "";
      for (const end = Math.min(n, i + 997); i < end; i++) {
        chunk += `CT,${i},"quoted, ${i}",${i % 7 === 0 ? '"a ""b"""' : "plain"}\r\n`;
      }
      const cut = chunk.length >> 1;
      controller.enqueue(chunk.slice(0, cut));
      controller.enqueue(chunk.slice(cut));
    },
  });
  let count = 0;
  for await (const record of source.pipeThrough(csvRecordStream())) {
    assert.ok("fields" in record, `line ${record.line}`);
    assert.equal(record.line, count + 1);
    assert.equal(record.fields[1], String(count));
    assert.equal(record.fields[2], `quoted, ${count}`);
    if (count % 7 === 0) assert.equal(record.fields[3], 'a "b"');
    count++;
  }
  assert.equal(count, n);
});
