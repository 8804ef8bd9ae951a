import assert from "node:assert/strict";
import { createLogger } from "../../platform/log.ts";

function capture(level?: "debug" | "info" | "warn" | "error") {
  const lines: { line: Record<string, unknown>; level: string }[] = [];
  const log = createLogger({
    level,
    now: () => new Date("2030-01-01T00:00:00Z"),
    sink: (line, lvl) => lines.push({ line: JSON.parse(line), level: lvl }),
  });
  return { log, lines };
}

Deno.test("log: one JSON object per line with time, level, message and fields", () => {
  const { log, lines } = capture();
  log.info("hello", { flightId: "f1" });
  assert.deepEqual(lines[0].line, {
    time: "2030-01-01T00:00:00.000Z",
    level: "info",
    msg: "hello",
    flightId: "f1",
  });
});

Deno.test("log: lines below the level are dropped", () => {
  const { log, lines } = capture("warn");
  log.debug("a");
  log.info("b");
  log.warn("c");
  log.error("d");
  assert.deepEqual(lines.map((l) => l.line.msg), ["c", "d"]);
});

Deno.test("log: child loggers carry their fields", () => {
  const { log, lines } = capture();
  log.child({ requestId: "r1" }).child({ user: "u1" }).info("x");
  assert.equal(lines[0].line.requestId, "r1");
  assert.equal(lines[0].line.user, "u1");
});

Deno.test("log: secrets and card data never reach a line, however nested", () => {
  const { log, lines } = capture();
  log.info("login", {
    password: "hunter2",
    body: { card: { number: "4242424242424242", cvc: "123" }, refreshToken: "abc" },
    headers: { authorization: "Bearer xyz", cookie: "sid=1" },
    email: "a@b.c",
  });
  const text = JSON.stringify(lines[0].line);
  for (const secret of ["hunter2", "4242424242424242", "123", "abc", "Bearer xyz", "sid=1"]) {
    assert.ok(!text.includes(secret), `${secret} leaked`);
  }
  assert.match(text, /a@b\.c/);
});

Deno.test("log: errors are logged with name, message and stack", () => {
  const { log, lines } = capture();
  log.error("failed", { error: new TypeError("bad thing") });
  const err = lines[0].line.error as Record<string, string>;
  assert.equal(err.name, "TypeError");
  assert.equal(err.message, "bad thing");
  assert.match(err.stack, /TypeError/);
  assert.equal(lines[0].level, "error");
});
