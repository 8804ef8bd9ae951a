/**
 * A local Web Push service stand-in. Tests register browser-like subscriptions (keys made
 * with WebCrypto here, as a browser would); each POST to an endpoint is checked the way a
 * real push service and user agent would check it: the VAPID Authorization header (an ES256
 * JWT verified with the `k` public key, RFC 8292) and the aes128gcm payload, decrypted with
 * the subscription's private key (RFC 8291 over RFC 8188).
 */

const enc = new TextEncoder();

/** base64url without padding, to bytes. */
export function fromBase64url(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "==".slice(0, (4 - s.length % 4) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** Bytes to base64url without padding. */
export function toBase64url(b: Uint8Array): string {
  return btoa(String.fromCharCode(...b)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** One push as the stand-in accepted it. */
export interface ReceivedPush {
  name: string;
  payload: Record<string, unknown>;
  headers: Record<string, string>;
  jwt: { aud: string; exp: number; sub: string };
}

interface Registered {
  privateKey: CryptoKey;
  publicRaw: Uint8Array;
  auth: Uint8Array;
}

/** A running push service stand-in. */
export interface PushService {
  url: string;
  received: ReceivedPush[];
  /** Requests refused, with why (a bad signature, a payload that would not decrypt, ...). */
  refused: string[];
  /** A new browser subscription at `/push/<name>` (PushSubscription.toJSON() shape). */
  subscribe(name: string): Promise<{ endpoint: string; keys: { p256dh: string; auth: string } }>;
  /** Makes an endpoint answer 410 Gone, as for a browser that unsubscribed. */
  expire(name: string): void;
  close(): Promise<void>;
}

async function hkdf(
  salt: Uint8Array<ArrayBuffer>,
  ikm: Uint8Array<ArrayBuffer>,
  info: Uint8Array<ArrayBuffer>,
  bytes: number,
) {
  const key = await crypto.subtle.importKey("raw", ikm, "HKDF", false, ["deriveBits"]);
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info }, key, bytes * 8),
  );
}

/** Decrypts one aes128gcm push message body for the subscription `sub` (RFC 8291). */
async function decrypt(sub: Registered, body: Uint8Array<ArrayBuffer>): Promise<string> {
  const salt = body.slice(0, 16);
  const rs = new DataView(body.buffer, body.byteOffset).getUint32(16);
  const idlen = body[20];
  const senderRaw = body.slice(21, 21 + idlen);
  const ciphertext = body.slice(21 + idlen);
  if (ciphertext.length > rs) throw new Error("more than one record");
  const senderKey = await crypto.subtle.importKey(
    "raw",
    senderRaw,
    { name: "ECDH", namedCurve: "P-256" },
    false,
    [],
  );
  const shared = new Uint8Array(
    await crypto.subtle.deriveBits({ name: "ECDH", public: senderKey }, sub.privateKey, 256),
  );
  const keyInfo = concat(enc.encode("WebPush: info\0"), sub.publicRaw, senderRaw);
  const ikm = await hkdf(new Uint8Array(sub.auth), shared, keyInfo, 32);
  const cek = await hkdf(salt, ikm, enc.encode("Content-Encoding: aes128gcm\0"), 16);
  const nonce = await hkdf(salt, ikm, enc.encode("Content-Encoding: nonce\0"), 12);
  const key = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["decrypt"]);
  const padded = new Uint8Array(
    await crypto.subtle.decrypt({ name: "AES-GCM", iv: nonce }, key, ciphertext),
  );
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("missing last-record delimiter");
  return new TextDecoder().decode(padded.slice(0, end));
}

/** Checks `vapid t=<jwt>, k=<key>`; returns the JWT claims or throws saying why not. */
async function verifyVapid(header: string, expectedKey: string, origin: string) {
  const m = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header);
  if (!m) throw new Error(`not a VAPID header: ${header.slice(0, 40)}`);
  const [, jwt, k] = m;
  if (k !== expectedKey) throw new Error("k is not the server's VAPID key");
  const [h, p, s] = jwt.split(".");
  const head = JSON.parse(new TextDecoder().decode(fromBase64url(h)));
  if (head.alg !== "ES256") throw new Error(`alg ${head.alg}`);
  const key = await crypto.subtle.importKey(
    "raw",
    fromBase64url(k),
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["verify"],
  );
  const ok = await crypto.subtle.verify(
    { name: "ECDSA", hash: "SHA-256" },
    key,
    fromBase64url(s),
    enc.encode(`${h}.${p}`),
  );
  if (!ok) throw new Error("bad JWT signature");
  const claims = JSON.parse(new TextDecoder().decode(fromBase64url(p)));
  const now = Date.now() / 1000;
  if (claims.aud !== origin) throw new Error(`aud ${claims.aud}`);
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) throw new Error("exp out of range");
  if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error("sub");
  return claims;
}

/** Starts the stand-in; `vapidPublicKey` is the application server key it expects. */
export function startPushService(vapidPublicKey: string): PushService {
  const subs = new Map<string, Registered>();
  const gone = new Set<string>();
  const received: ReceivedPush[] = [];
  const refused: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    const name = /^\/push\/([\w-]+)$/.exec(url.pathname)?.[1];
    const sub = name && subs.get(name);
    if (req.method !== "POST" || !name || !sub) return new Response(null, { status: 404 });
    if (gone.has(name)) return new Response(null, { status: 410 });
    try {
      const claims = await verifyVapid(
        req.headers.get("authorization") ?? "",
        vapidPublicKey,
        url.origin,
      );
      if (req.headers.get("content-encoding") !== "aes128gcm") throw new Error("encoding");
      if (!req.headers.get("ttl")) throw new Error("no TTL");
      const text = await decrypt(sub, new Uint8Array(await req.arrayBuffer()));
      received.push({
        name,
        payload: JSON.parse(text),
        headers: Object.fromEntries(req.headers),
        jwt: claims,
      });
      return new Response(null, { status: 201 });
    } catch (err) {
      refused.push(`${name}: ${(err as Error).message}`);
      return new Response(null, { status: 400 });
    }
  });
  const url = `http://127.0.0.1:${server.addr.port}`;
  return {
    url,
    received,
    refused,
    async subscribe(name) {
      const pair = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, [
        "deriveBits",
      ]) as CryptoKeyPair;
      const publicRaw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
      const auth = crypto.getRandomValues(new Uint8Array(16));
      subs.set(name, { privateKey: pair.privateKey, publicRaw, auth });
      return {
        endpoint: `${url}/push/${name}`,
        keys: { p256dh: toBase64url(publicRaw), auth: toBase64url(auth) },
      };
    },
    expire: (name) => gone.add(name),
    close: () => server.shutdown(),
  };
}
