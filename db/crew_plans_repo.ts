/**
 * Stored auto-assign proposals (crew_plans), one per local departure date, and the change
 * counter (crew_plan_changes) that says whether one still matches what it was computed from.
 */
import type { Sql } from "./postgres.ts";

/** A stored plan as the planner left it. */
export interface StoredPlanRow<P> {
  date: string;
  /** The change counter read before the plan's inputs. */
  basis: number;
  computedAt: Date;
  tookMs: number;
  plan: P;
}

/** The change counter now (0 before the first change). */
export async function currentPlanBasis(sql: Sql): Promise<number> {
  const [r] = await sql`
    SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM crew_plan_changes`;
  return Number(r.n);
}

/** The stored plan for `date` with the change counter now, read together. */
export async function readStoredPlan<P>(
  sql: Sql,
  date: string,
): Promise<{ stored?: StoredPlanRow<P>; basis: number }> {
  const [rows, basis] = await Promise.all([
    sql`
      SELECT to_char(plan_date, 'YYYY-MM-DD') AS date, basis, computed_at, took_ms, plan
      FROM crew_plans WHERE plan_date = ${date} AND plan IS NOT NULL`,
    currentPlanBasis(sql),
  ]);
  const r = rows[0];
  return {
    basis,
    stored: r && {
      date: r.date,
      basis: Number(r.basis),
      computedAt: r.computed_at,
      tookMs: r.took_ms,
      plan: r.plan as P,
    },
  };
}

/** Asks for `date` to be (re)computed; an earlier, still open request keeps its time. */
export async function requestPlan(sql: Sql, date: string, now: Date): Promise<void> {
  await sql`
    INSERT INTO crew_plans (plan_date, requested_at) VALUES (${date}, ${now})
    ON CONFLICT (plan_date) DO UPDATE
      SET requested_at = coalesce(crew_plans.requested_at, EXCLUDED.requested_at)`;
}

/**
 * Dates a planner should compute now, asked-for ones first, then `horizon` (ascending): a
 * date is due when it has no plan, its plan's basis is behind `basis`, or it was computed
 * before `staleBefore`; dates claimed by a live planner, or failed after `retryAfter`, wait.
 */
export async function dueDates(sql: Sql, q: {
  horizon: string[];
  basis: number;
  now: Date;
  staleBefore: Date;
  retryAfter: Date;
  earliest: string;
  limit: number;
}): Promise<string[]> {
  const rows = await sql`
    WITH wanted AS (
      SELECT plan_date, requested_at FROM crew_plans
      WHERE requested_at IS NOT NULL AND plan_date >= ${q.earliest}
      UNION
      SELECT d::date, NULL FROM unnest(${q.horizon}::date[]) AS d
    )
    SELECT to_char(w.plan_date, 'YYYY-MM-DD') AS date, min(w.requested_at) AS asked
    FROM wanted w LEFT JOIN crew_plans p ON p.plan_date = w.plan_date
    WHERE (p.claimed_until IS NULL OR p.claimed_until < ${q.now})
      AND (p.failed_at IS NULL OR p.failed_at < ${q.retryAfter})
      AND (p.plan IS NULL OR p.basis < ${q.basis} OR p.computed_at < ${q.staleBefore}
           OR p.requested_at IS NOT NULL)
    GROUP BY w.plan_date
    ORDER BY min(w.requested_at) NULLS LAST, w.plan_date
    LIMIT ${q.limit}`;
  return rows.map((r) => r.date as string);
}

/** Claims `date` for one planner until `until`; false when another planner holds it. */
export async function claimPlanDate(
  sql: Sql,
  date: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  const rows = await sql`
    INSERT INTO crew_plans (plan_date, claimed_until) VALUES (${date}, ${until})
    ON CONFLICT (plan_date) DO UPDATE SET claimed_until = EXCLUDED.claimed_until
      WHERE crew_plans.claimed_until IS NULL OR crew_plans.claimed_until < ${now}
    RETURNING plan_date`;
  return rows.length > 0;
}

/**
 * Stores a computed plan and releases the claim; a request made after `computedAt` (while
 * it was computing) stays open, so the next pass computes again.
 */
export async function storePlan<P>(sql: Sql, row: StoredPlanRow<P>) {
  await sql`
    UPDATE crew_plans SET basis = ${row.basis}, computed_at = ${row.computedAt},
      took_ms = ${row.tookMs}, plan = ${sql.json(row.plan as never)}, claimed_until = NULL,
      failed_at = NULL, failure = NULL,
      requested_at = CASE WHEN requested_at > ${row.computedAt} THEN requested_at END
    WHERE plan_date = ${row.date}`;
}

/** Records a failed computation and releases the claim (retried after a pause). */
export async function failPlan(sql: Sql, date: string, at: Date, failure: string) {
  await sql`
    UPDATE crew_plans SET failed_at = ${at}, failure = ${failure.slice(0, 500)},
      claimed_until = NULL
    WHERE plan_date = ${date}`;
}

/** Forgets plans for dates before `before` (they are history; bounded table). */
export async function prunePlans(sql: Sql, before: string): Promise<number> {
  const rows = await sql`DELETE FROM crew_plans WHERE plan_date < ${before} RETURNING plan_date`;
  return rows.length;
}
