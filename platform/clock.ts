import type { Clock } from "../domain/clock.ts";

/** The real wall clock. */
export const systemClock: Clock = { now: () => new Date() };
