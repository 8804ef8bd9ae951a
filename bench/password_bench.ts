/** argon2id at OWASP parameters: the wasm fallback (baseline) against the native addon. */
import { hashPasswordWasm, nativeArgon2 } from "../adapters/password.ts";

const native = await nativeArgon2();
Deno.bench({
  name: "hash-wasm (WebAssembly)",
  group: "argon2id hash, m=19 MiB t=2 p=1",
  baseline: true,
  n: 20,
  fn: async () => {
    await hashPasswordWasm("correct horse battery");
  },
});
Deno.bench({
  name: "@node-rs/argon2 (native)",
  group: "argon2id hash, m=19 MiB t=2 p=1",
  ignore: !native,
  n: 20,
  fn: async () => {
    await native!.hash("correct horse battery", {
      algorithm: 2, // Algorithm.Argon2id (a const enum)
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
  },
});
