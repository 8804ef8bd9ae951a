/**
 * Auto-assign proposals kept per day: a background refresher computes each day's plan (the
 * next few days always, other days when someone asks) and stores it with the change counter
 * it was read at; the crew plan page reads the stored plan, so it answers in milliseconds at
 * any schedule size instead of running the planner in the request. A plan the schedule or
 * crew changed under is still shown, marked with its age, while a fresh one is computed.
 */
import {
  claimPlanDate,
  currentPlanBasis,
  dueDates,
  failPlan,
  prunePlans,
  readStoredPlan,
  requestPlan,
  storePlan,
} from "../../db/crew_plans_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import type { Clock } from "../../domain/clock.ts";
import { addDays } from "../../domain/time.ts";
import type { Logger } from "../../platform/log.ts";
import { AppError } from "../../domain/app_error.ts";
import {
  type PlannedFlight,
  type PlannedPositioning,
  planTotals,
  proposeCrew,
} from "./crew_board.ts";

/** A day's proposal as stored. */
export interface DayPlan {
  flights: PlannedFlight[];
  positioning: PlannedPositioning[];
}

/** Days from today the refresher keeps planned without being asked. */
export const PLAN_HORIZON_DAYS = 3;
/** A plan older than this is recomputed even when nothing it counts changed (time moves on). */
export const PLAN_MAX_AGE_MS = 15 * 60_000;
/** Days ahead a stored plan may be asked for (further out: the auto-assign API computes one). */
export const PLAN_MAX_DAYS_AHEAD = 60;
/** How long a refresher owns a date it computes before another may take it over. */
const CLAIM_MS = 5 * 60_000;
/** How long a date whose computation failed waits before the next try. */
const RETRY_MS = 10 * 60_000;
/** Dates computed per pass: a backlog of requests drains over passes, one plan in memory. */
const PER_PASS = 4;

/** What the page shows for a date. */
export type StoredPlanView =
  | { state: "missing"; date: string }
  | {
    state: "fresh" | "stale";
    date: string;
    computedAt: string;
    tookMs: number;
    plan: DayPlan;
  };

/**
 * The stored plan for `date` without the flights that left since it was computed; asks for
 * a new one (and calls `asked`) when there is none or it is stale.
 */
export async function storedCrewPlan(
  deps: { sql: Sql; clock: Clock; asked?: () => void },
  date: string,
): Promise<StoredPlanView> {
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  // Asking stores a row: only days a refresher keeps (and prunes) may be asked for.
  if (date < addDays(today, -1) || date > addDays(today, PLAN_MAX_DAYS_AHEAD)) {
    throw new AppError(422, "plan_date_out_of_range", {
      detail: `Stored crew plans cover ${addDays(today, -1)} to ${
        addDays(today, PLAN_MAX_DAYS_AHEAD)
      }; POST /api/admin/crew/auto-assign computes one for other dates.`,
    });
  }
  const { stored, basis } = await readStoredPlan<DayPlan>(deps.sql, date);
  const fresh = stored !== undefined && stored.basis >= basis &&
    now.getTime() - stored.computedAt.getTime() < PLAN_MAX_AGE_MS;
  if (!fresh) {
    await requestPlan(deps.sql, date, now);
    deps.asked?.();
  }
  if (!stored) return { state: "missing", date };
  const open = (f: { departureAt: string }) => Date.parse(f.departureAt) > now.getTime();
  return {
    state: fresh ? "fresh" : "stale",
    date,
    computedAt: stored.computedAt.toISOString(),
    tookMs: stored.tookMs,
    plan: {
      flights: stored.plan.flights.filter(open),
      positioning: stored.plan.positioning.filter(open),
    },
  };
}

/** What the refresher needs. */
export interface PlanRefreshDeps {
  sql: Sql;
  clock: Clock;
  log: Logger;
}

/** What one pass did: the dates computed (with ms each) and the ones that failed. */
export interface PlanRefreshReport {
  computed: { date: string; tookMs: number }[];
  failed: string[];
}

/**
 * One pass: computes the due dates (asked-for first, then today and the next days), at most
 * PER_PASS of them, each claimed so two refreshers never compute the same date at once. A
 * failure is recorded and retried after a pause, so a date that cannot be planned never
 * spins; plans for past days are dropped.
 */
export async function refreshCrewPlans(
  deps: PlanRefreshDeps,
  opts: { signal?: AbortSignal; limit?: number } = {},
): Promise<PlanRefreshReport> {
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  const report: PlanRefreshReport = { computed: [], failed: [] };
  await prunePlans(deps.sql, addDays(today, -1));
  const dates = await dueDates(deps.sql, {
    horizon: Array.from({ length: PLAN_HORIZON_DAYS }, (_, i) => addDays(today, i)),
    basis: await currentPlanBasis(deps.sql),
    now,
    staleBefore: new Date(now.getTime() - PLAN_MAX_AGE_MS),
    retryAfter: new Date(now.getTime() - RETRY_MS),
    earliest: addDays(today, -1),
    limit: opts.limit ?? PER_PASS,
  });
  for (const date of dates) {
    if (opts.signal?.aborted) break;
    const started = deps.clock.now();
    if (!await claimPlanDate(deps.sql, date, started, new Date(started.getTime() + CLAIM_MS))) {
      continue;
    }
    try {
      // The counter before the inputs: a change made while planning makes the plan stale.
      const basis = await currentPlanBasis(deps.sql);
      const t = performance.now();
      const plan: DayPlan = await proposeCrew(deps.sql, { from: date, to: date, now: started });
      const tookMs = Math.round(performance.now() - t);
      await storePlan(deps.sql, { date, basis, computedAt: started, tookMs, plan });
      report.computed.push({ date, tookMs });
    } catch (error) {
      deps.log.error("crew plan failed", { date, error });
      await failPlan(deps.sql, date, deps.clock.now(), String(error)).catch(() => {});
      report.failed.push(date);
    }
  }
  return report;
}

/** A running refresher. */
export interface PlanRefresher {
  /** Runs a pass soon (someone asked for a plan) instead of waiting for the timer. */
  kick(): void;
  /** Stops the timer and waits for the pass in progress (it stops between dates). */
  stop(): Promise<void>;
}

/** Refreshes plans every `intervalMs` (default 60 s) and when kicked; one pass at a time. */
export function startPlanRefresher(
  deps: PlanRefreshDeps & { intervalMs?: number },
): PlanRefresher {
  const abort = new AbortController();
  let running: Promise<void> | undefined;
  let again = false;
  let soon: ReturnType<typeof setTimeout> | undefined;
  const pass = () => {
    if (abort.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = refreshCrewPlans(deps, { signal: abort.signal })
      .then(
        (r) => {
          // More due than one pass takes: go on without waiting for the timer.
          if (r.computed.length + r.failed.length >= PER_PASS) again = true;
        },
        (error) => deps.log.error("crew plan refresh failed", { error }),
      )
      .finally(() => {
        running = undefined;
        if (again && !abort.signal.aborted) {
          again = false;
          // A breath between passes: a backlog drains without holding the database busy.
          soon = setTimeout(pass, 1000);
        }
      });
  };
  const timer = setInterval(pass, deps.intervalMs ?? 60_000);
  return {
    kick: pass,
    async stop() {
      abort.abort();
      clearInterval(timer);
      clearTimeout(soon);
      await running;
    },
  };
}

/** The stored plan as the API gives it: state, age and counts, the flights unless asked not. */
export async function crewPlanForApi(
  deps: { sql: Sql; clock: Clock; asked?: () => void },
  q: { date: string; flights: boolean },
) {
  const view = await storedCrewPlan(deps, q.date);
  if (view.state === "missing") {
    return { date: q.date, state: "computing" as const, proposed: 0, unfilled: 0 };
  }
  const { flights, positioning } = view.plan;
  return {
    date: q.date,
    state: view.state,
    computedAt: view.computedAt,
    tookMs: view.tookMs,
    ...planTotals(flights),
    ...(q.flights ? { flights, positioning } : {}),
  };
}
