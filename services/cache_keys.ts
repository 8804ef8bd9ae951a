/**
 * Store keys shared between the code that caches and the code that must invalidate: in one
 * place so a writer cannot miss a reader's key.
 */

/** The store key holding the schedule version; search caches are keyed by it. */
export const SCHEDULE_VERSION_KEY = "flights:version";
