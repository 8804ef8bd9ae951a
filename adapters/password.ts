import { argon2id, argon2Verify } from "hash-wasm";

// OWASP's minimum for argon2id: 19 MiB memory, 2 iterations, 1 lane.
// @node-rs/argon2 exports Algorithm as a const enum, which isolated modules cannot read.
const ARGON2ID = 2;
const PARAMS = { parallelism: 1, iterations: 2, memorySize: 19_456, hashLength: 32 } as const;

type Native = typeof import("@node-rs/argon2");
let native: Promise<Native | null> | undefined;

/**
 * The native addon (@node-rs/argon2) when this process may load native code (--allow-ffi);
 * otherwise null and hash-wasm does the work: `deno task start` and Deno Deploy grant no
 * FFI. Both write the same PHC strings, so either verifies the other's hashes.
 */
export function nativeArgon2(): Promise<Native | null> {
  native ??= (async () => {
    try {
      if ((await Deno.permissions.query({ name: "ffi" })).state !== "granted") return null;
      return await import("@node-rs/argon2");
    } catch {
      return null;
    }
  })();
  return native;
}

/** Hashes a password with argon2id and a random salt, in PHC string form. */
export async function hashPassword(password: string): Promise<string> {
  const n = await nativeArgon2();
  if (n) {
    return await n.hash(password, {
      algorithm: ARGON2ID,
      memoryCost: PARAMS.memorySize,
      timeCost: PARAMS.iterations,
      parallelism: PARAMS.parallelism,
      outputLen: PARAMS.hashLength,
    });
  }
  return await hashPasswordWasm(password);
}

/** The portable implementation (WebAssembly), also used to check interoperability. */
export async function hashPasswordWasm(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return await argon2id({ ...PARAMS, password, salt, outputType: "encoded" });
}

/** Checks a password against a PHC argon2 hash; false (never a throw) for a malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    const n = await nativeArgon2();
    return n ? await n.verify(hash, password) : await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}
