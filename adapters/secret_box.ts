/**
 * AES-256-GCM for small secrets at rest (payment tokens). The output is
 * base64(12-byte IV ‖ ciphertext+tag); the key comes from the environment.
 */
const keys = new Map<string, Promise<CryptoKey>>();

function importKey(base64Key: string): Promise<CryptoKey> {
  let key = keys.get(base64Key);
  if (!key) {
    const raw = Uint8Array.from(atob(base64Key), (ch) => ch.charCodeAt(0));
    if (raw.length !== 32) throw new RangeError("The encryption key must be 32 bytes, base64");
    key = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    keys.set(base64Key, key);
  }
  return key;
}

/** Encrypts `plaintext` with a fresh random IV. */
export async function seal(plaintext: string, base64Key: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(plaintext);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await importKey(base64Key), data),
  );
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return btoa(String.fromCharCode(...out));
}

/** Decrypts what `seal` produced; throws if it was tampered with or the key is wrong. */
export async function open(sealed: string, base64Key: string): Promise<string> {
  const bytes = Uint8Array.from(atob(sealed), (ch) => ch.charCodeAt(0));
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: bytes.slice(0, 12) },
    await importKey(base64Key),
    bytes.slice(12),
  );
  return new TextDecoder().decode(plain);
}

/** A new random 256-bit key, base64. */
export function newKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}
