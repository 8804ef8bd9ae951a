/** One Prometheus scrape: gauges read now, then every series of the process. */
import type { ActorRegistry } from "../../actors/registry.ts";
import { listPendingProjections } from "../../db/inventory_kv.ts";
import { actorsInMemory, appMetrics, outboxPending } from "../../platform/app_metrics.ts";
import type { MetricsSnapshot } from "../../platform/metrics.ts";

/** What a scrape reads. */
export interface ScrapeDeps {
  kv: Deno.Kv;
  registry: ActorRegistry;
  /** The process's other isolates, when there are several. */
  peers?: { metrics(): Promise<MetricsSnapshot[]> };
}

/** The metrics in Prometheus text format 0.0.4, summed over the process's isolates. */
export async function scrapeMetrics(deps: ScrapeDeps): Promise<string> {
  // Read at scrape time: cheap here, and nothing on the hot paths has to keep them.
  outboxPending.set((await listPendingProjections(deps.kv)).length);
  actorsInMemory.set(deps.registry.size);
  const others = (await deps.peers?.metrics()) ?? [];
  return appMetrics.render(others);
}
