/** Where time comes from; tests pass a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

/** A clock fixed at `at` that tests can move with `advance`. */
export function manualClock(
  at: Date | string,
): Clock & { advance(ms: number): void; set(at: Date): void } {
  let t = new Date(at).getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (d) => {
      t = d.getTime();
    },
  };
}
