import { defineIsland } from "./island.ts";
import { useEffect, useRef, useState } from "preact/hooks";
import { type DialogFlight, StatusDialog, type StatusResult } from "./ops_board/StatusDialog.tsx";
import { OpsBoardRow, says } from "./ops_board/OpsBoardRow.tsx";
import type { OpsRow } from "../domain/views/ops.ts";
import type { OpsAlertItem } from "../domain/views/ops.ts";
import { OpsAlerts } from "./ops_board/OpsAlerts.tsx";
import { byHour, pick, shown } from "./ops_board/board_rows.ts";

/** Props of OpsBoard. */
export interface OpsBoardProps {
  rows: OpsRow[];
  /** The server's time when the page was made: overdue flags match the HTML until hydrated. */
  now: string;
  /** The operator's newest alerts, newest first; new ones arrive live on the ops stream. */
  alerts: OpsAlertItem[];
}

/** How often the overdue flags are worked out again as time passes. */
const OVERDUE_REFRESH_MS = 30_000;

interface CabinCounts {
  capacity: number;
  sold: number;
}
interface Counters {
  flightId: string;
  cabins: CabinCounts[];
}

/** Today's flights with live status and load from the ops stream, and status changes. */
function OpsBoard(props: OpsBoardProps) {
  const [rows, setRows] = useState(props.rows);
  const [hydrated, setHydrated] = useState(false);
  const [live, setLive] = useState("Live updates start once the page has loaded.");
  const [said, setSaid] = useState("");
  const [changed, setChanged] = useState<string>();
  const [editing, setEditing] = useState<DialogFlight>();
  const [now, setNow] = useState(Date.parse(props.now));
  const [filter, setFilter] = useState("");
  const [alerts, setAlerts] = useState(props.alerts);
  const opener = useRef<HTMLElement | null>(null);
  const current = useRef(rows);
  current.current = rows;

  /** Applies a status change once per version (from the stream or our own request). */
  const apply = (e: StatusResult, extra = "") => {
    const r = current.current.find((x) => x.id === e.flightId);
    if (!r || e.version <= r.version) return;
    setRows((all) =>
      all.map((x) => (x.id === e.flightId && e.version > x.version ? { ...x, ...pick(e) } : x))
    );
    setSaid(says(r, e) + extra);
    setChanged(r.id);
  };
  const setCounts = (c: Counters) => {
    const capacity = c.cabins.reduce((n, x) => n + x.capacity, 0);
    const sold = c.cabins.reduce((n, x) => n + x.sold, 0);
    setRows((all) => all.map((r) => (r.id === c.flightId ? { ...r, capacity, sold } : r)));
  };

  useEffect(() => {
    setHydrated(true);
    const es = new EventSource("/api/admin/ops/stream");
    es.onopen = () => setLive("Live");
    es.onerror = () => setLive("Reconnecting…");
    es.addEventListener(
      "snapshot",
      (m) => (JSON.parse(m.data).flights as Counters[]).forEach(setCounts),
    );
    es.addEventListener("counters", (m) => setCounts(JSON.parse(m.data)));
    es.addEventListener("status", (m) => apply(JSON.parse(m.data)));
    // Alerts come on the ops stream, so every open board hears of each one once.
    es.addEventListener("alert", (m) => {
      const a = { ...JSON.parse(m.data), seq: Number(m.lastEventId) } as OpsAlertItem;
      setAlerts((all) => all.some((x) => x.key === a.key) ? all : [a, ...all].slice(0, 20));
    });
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), OVERDUE_REFRESH_MS);
    return () => {
      es.close();
      clearInterval(tick);
    };
  }, []);

  function done(result: StatusResult) {
    const re = result.reaccommodation;
    if (re) {
      const outcome = { rebooked: re.rebooked.length, refundOffered: re.refundOffered.length };
      setRows((all) => all.map((x) => (x.id === result.flightId ? { ...x, outcome } : x)));
      apply(result, ` ${outcome.rebooked} rebooked, ${outcome.refundOffered} offered a refund.`);
    } else apply(result);
  }

  return (
    <div class="ops-board">
      <p class="live-state" aria-live="off">{live}</p>
      <p class="visually-hidden" aria-live="polite">{said}</p>
      <OpsAlerts alerts={alerts} />
      {hydrated && (
        <label class="ops-filter">
          Find a flight or tail{" "}
          <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
      )}
      <table class="data ops-table">
        <caption class="visually-hidden">
          Flights by hour of departure, live status and load
        </caption>
        <thead>
          <tr>
            <th scope="col">Flight</th>
            <th scope="col">Tail</th>
            <th scope="col">Departs</th>
            <th scope="col">Arrives</th>
            <th scope="col">Status</th>
            <th scope="col">Load</th>
            <th scope="col">Crew</th>
            <th scope="col">Connections at risk</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        {byHour(shown(rows, filter)).map(([hour, group]) => (
          <tbody key={hour}>
            <tr class="ops-hour">
              <th scope="rowgroup" colSpan={9}>{hour}</th>
            </tr>
            {group.map((r) => (
              <OpsBoardRow
                key={r.id}
                row={r}
                now={now}
                changed={changed === r.id}
                onEdit={hydrated
                  ? (button) => {
                    opener.current = button;
                    setEditing({ ...r });
                  }
                  : undefined}
              />
            ))}
          </tbody>
        ))}
      </table>
      {editing && (
        <StatusDialog
          flight={editing}
          onDone={done}
          onClose={() => {
            setEditing(undefined);
            opener.current?.focus();
          }}
        />
      )}
    </div>
  );
}

/** The OpsBoard island, as pages embed it. */
export default defineIsland("OpsBoard", OpsBoard);
