import assert from "node:assert/strict";
import { argon2Verify } from "hash-wasm";
import {
  hashPassword,
  hashPasswordWasm,
  nativeArgon2,
  verifyPassword,
} from "../../adapters/password.ts";

Deno.test("password: argon2id with OWASP parameters, salted, verifying only the right password", async () => {
  const a = await hashPassword("correct horse battery");
  const b = await hashPassword("correct horse battery");
  assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.notEqual(a, b, "a fresh salt each time");
  assert.equal(await verifyPassword("correct horse battery", a), true);
  assert.equal(await verifyPassword("correct horse batterY", a), false);
  assert.equal(await verifyPassword("anything", "not-a-hash"), false);
});

Deno.test("password: the native addon and the wasm fallback read each other's hashes", async () => {
  // Tests run with every permission, so the native addon is the one in use here.
  assert.ok(await nativeArgon2(), "native argon2 should load with --allow-ffi");
  const native = await hashPassword("correct horse battery");
  const wasm = await hashPasswordWasm("correct horse battery");
  assert.equal(await argon2Verify({ password: "correct horse battery", hash: native }), true);
  assert.equal(await verifyPassword("correct horse battery", wasm), true);
  assert.equal(await verifyPassword("wrong horse battery", wasm), false);
});
