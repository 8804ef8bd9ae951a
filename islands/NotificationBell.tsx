import { defineIsland } from "./island.ts";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Notification } from "../domain/views/notification.ts";
import { api } from "./client/api.ts";
import { useDismiss, useNotificationStream } from "./client/live_notifications.ts";

/** Props of NotificationBell: what the server counted when it rendered the page. */
export interface NotificationBellProps {
  unread: number;
  /** The newest notification seq counted: the live stream resumes after it. */
  lastSeq: number;
}

type Page = { data: Notification[]; unread: number };

const SHOWN = 8;
const plural = (n: number) => `${n} unread notification${n === 1 ? "" : "s"}`;

function Count({ unread }: { unread: number }) {
  return (
    <>
      <svg class="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6v-5a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"
        />
      </svg>
      <span class="visually-hidden">Notifications,</span>
      <span class={unread ? "bell-count" : "bell-count bell-zero"}>{unread}</span>
      <span class="visually-hidden">unread</span>
    </>
  );
}

function Item({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  const [open, setOpen] = useState(false);
  const id = `bell-n-${n.id}`;
  const toggle = () => {
    setOpen(!open);
    if (!open && !n.readAt) onOpen(n);
  };
  return (
    <li class={n.readAt ? "bell-item" : "bell-item unread"}>
      <button
        type="button"
        class="bell-item-head"
        aria-expanded={open}
        aria-controls={id}
        onClick={toggle}
      >
        <span class="bell-title">{n.title}</span>
        {!n.readAt && <span class="visually-hidden">(unread)</span>}
        <time datetime={n.createdAt}>
          {new Date(n.createdAt).toLocaleString(undefined, {
            dateStyle: "medium",
            timeStyle: "short",
          })}
        </time>
      </button>
      <p id={id} class="bell-body" hidden={!open}>{n.body}</p>
    </li>
  );
}

/**
 * The header bell: a link to the notifications page until hydrated, then a live unread count
 * (the user's notification stream) with a panel of the latest ones.
 */
function NotificationBell({ unread: initial, lastSeq }: NotificationBellProps) {
  const [live, setLive] = useState(false);
  const [unread, setUnread] = useState(initial);
  const [said, setSaid] = useState("");
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [problem, setProblem] = useState("");
  const newest = useRef(lastSeq);
  const button = useRef<HTMLButtonElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const counted = useRef(false);

  useEffect(() => {
    // Announce changes, not the count the page already showed.
    if (counted.current) setSaid(plural(unread));
    counted.current = true;
  }, [unread]);

  useEffect(() => setLive(true), []);
  useNotificationStream(newest, (n) => {
    if (!n.readAt) setUnread((u) => u + 1);
    setItems((list) => list && [n, ...list.filter((x) => x.id !== n.id)].slice(0, SHOWN));
  });
  useDismiss(open, wrap, (focus) => {
    setOpen(false);
    if (focus) button.current?.focus();
  });

  const toggle = async () => {
    setOpen(!open);
    if (open) return;
    const res = await api<Page>(`/api/me/notifications?limit=${SHOWN}`);
    if (!res.ok) return setProblem(res.problem.detail ?? res.problem.title);
    setProblem("");
    setItems(res.data.data);
    newest.current = Math.max(newest.current, res.data.data[0]?.seq ?? 0);
    setUnread(res.data.unread);
  };
  const markRead = async (n: Notification) => {
    const res = await api<Notification & { unread: number }>(
      `/api/me/notifications/${n.id}/read`,
      { method: "POST" },
    );
    if (!res.ok) return setProblem(res.problem.detail ?? res.problem.title);
    setItems((list) => list && list.map((x) => (x.id === n.id ? res.data : x)));
    setUnread(res.data.unread);
  };
  const markAll = async () => {
    const res = await api<{ unread: number }>("/api/me/notifications/read-all", {
      method: "POST",
      body: { upTo: newest.current || undefined },
    });
    if (!res.ok) return setProblem(res.problem.detail ?? res.problem.title);
    const at = new Date().toISOString();
    setItems((list) => list && list.map((x) => (x.readAt ? x : { ...x, readAt: at })));
    setUnread(res.data.unread);
  };

  if (!live) {
    return (
      <a class="bell" href="/account/notifications">
        <Count unread={unread} />
      </a>
    );
  }
  return (
    <div class="bell-wrap" ref={wrap}>
      <button
        type="button"
        class="bell"
        ref={button}
        aria-expanded={open}
        aria-controls="bell-panel"
        onClick={toggle}
      >
        <Count unread={unread} />
      </button>
      <p class="visually-hidden" aria-live="polite">{said}</p>
      <section id="bell-panel" class="bell-panel" aria-label="Latest notifications" hidden={!open}>
        <div class="bell-panel-head">
          <h2>Notifications</h2>
          <button type="button" class="secondary" onClick={markAll}>
            Mark all read
          </button>
        </div>
        {problem && <p class="form-error" role="alert">{problem}</p>}
        {items === null
          ? <p>Loading…</p>
          : items.length === 0
          ? <p>No notifications yet.</p>
          : (
            <ul class="bell-list">
              {items.map((n) => <Item key={n.id} n={n} onOpen={markRead} />)}
            </ul>
          )}
        <a href="/account/notifications">All notifications</a>
      </section>
    </div>
  );
}

/** The NotificationBell island, as pages embed it. */
export default defineIsland("NotificationBell", NotificationBell);
