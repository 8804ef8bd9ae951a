/**
 * The only place Deno KV keys are built. Every key starts with a short, stable prefix;
 * changing a prefix orphans data, so prefixes are never renamed, only added.
 */

/** Written and read by the readiness probe. */
export function readinessProbeKey(): Deno.KvKey {
  return ["sys", "ready"];
}

/** A flight's live inventory state, owned by its actor. */
export function flightInventoryKey(flightId: string): Deno.KvKey {
  return ["inv", flightId];
}

/** The sequence number of the newest event in a flight's event log (watched by SSE hubs). */
export function flightEventHeadKey(flightId: string): Deno.KvKey {
  return ["evh", flightId];
}

/** One entry of a flight's event log. */
export function flightEventKey(flightId: string, seq: number): Deno.KvKey {
  return ["evl", flightId, seq];
}

/** Prefix of a flight's whole event log, for range reads. */
export function flightEventLogPrefix(flightId: string): Deno.KvKey {
  return ["evl", flightId];
}
