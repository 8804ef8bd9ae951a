import { defineIsland } from "./island.ts";
import { useEffect, useState } from "preact/hooks";
import { api } from "./client/api.ts";

/** Props of PlanWaiter. */
export interface PlanWaiterProps {
  date: string;
  /** This page's own address, to show the newer plan. */
  href: string;
  /** When the plan on the page was computed; absent when the page has none yet. */
  computedAt?: string;
}

const POLL_MS = 2000;
// Past this the refresher is busy elsewhere; a reload asks again.
const GIVE_UP_MS = 5 * 60_000;

interface PlanState {
  state: "fresh" | "stale" | "computing";
  computedAt?: string;
}

/**
 * Waits for the background planner: a page with no plan yet reloads itself once one is
 * stored; a page showing a stale plan offers the newer one with a link instead (the operator
 * may be unchecking items). Without JavaScript the page says to reload.
 */
function PlanWaiter(p: PlanWaiterProps) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const started = Date.now();
    let stopped = false;
    const timer = setInterval(async () => {
      if (Date.now() - started > GIVE_UP_MS) return clearInterval(timer);
      const res = await api<PlanState>(
        `/api/admin/crew/plan?date=${encodeURIComponent(p.date)}&flights=0`,
      );
      if (stopped || !res.ok || res.data.state === "computing") return;
      if (res.data.computedAt === p.computedAt) return;
      clearInterval(timer);
      if (p.computedAt === undefined) location.reload();
      else setReady(true);
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <p class="plan-waiter" role="status">
      {ready
        ? (
          <>
            A newer proposal is ready. <a href={p.href}>Show it</a>
          </>
        )
        : p.computedAt
        ? "A new proposal is being computed."
        : "Computing the proposal for this day; this page shows it when it is ready."}
    </p>
  );
}

export default defineIsland("PlanWaiter", PlanWaiter);
