import type { OpsAlertItem } from "../../domain/views/ops.ts";

/** The board's alerts panel: the newest first, announced politely as they arrive. */
export function OpsAlerts({ alerts }: { alerts: OpsAlertItem[] }) {
  return (
    <section class="ops-alerts" aria-labelledby="ops-alerts-title">
      <h2 id="ops-alerts-title">Alerts</h2>
      <ul aria-live="polite">
        {alerts.length === 0 && <li class="muted">No alerts.</li>}
        {alerts.map((a) => (
          <li key={a.key ?? a.seq}>
            <strong>{a.title}</strong> <span>{a.body}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
