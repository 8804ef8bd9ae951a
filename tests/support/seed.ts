import type { Sql } from "../../db/postgres.ts";
import { seedDemoData, type SeedResult } from "../../db/seed.ts";

/** The first day of the schedule tests seed; test clocks are set before it. */
export const TEST_SCHEDULE_START = "2030-03-01";

/**
 * Seeds the demo network for `days` days from 2030-03-01, with a cheap stand-in for
 * argon2 (the real hashing has tests of its own).
 */
export function seedTestSchedule(sql: Sql, days = 1): Promise<SeedResult> {
  return seedDemoData(sql, {
    startDate: TEST_SCHEDULE_START,
    days,
    demoPassword: "contrail-demo",
    hashPassword: (p) => Promise.resolve(`plain:${p}`),
  });
}
