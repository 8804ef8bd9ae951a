import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../../domain/app_error.ts";
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type Notification,
} from "../../db/notifications_repo.ts";
import { AccountLayout } from "../../components/AccountLayout.tsx";
import { CsrfField } from "../../components/Layout.tsx";
import { NotificationIdParam } from "../../services/notifications/inbox.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";

const PAGE_SIZE = 20;
const seq = z.coerce.number().int().min(1).optional().catch(undefined);
// A page ignores a bad query value rather than failing.
const ListQuery = z.object({
  before: seq,
  done: z.enum(["read", "all"]).optional().catch(undefined),
});
const DONE = { read: "Marked as read.", all: "All notifications marked as read." };

interface ListData {
  items: Notification[];
  unread: number;
  /** The newest seq when the page was made: "mark all read" stops there. */
  newest?: number;
  before?: number;
  nextBefore?: number;
  done?: keyof typeof DONE;
}

function when(iso: string) {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function Item({ n, before }: { n: Notification; before?: number }) {
  return (
    <li class={n.readAt ? "acct-item" : "acct-item unread"} id={`n-${n.seq}`}>
      <div>
        <h2 class="acct-item-title">
          {n.title}
          {!n.readAt && <span class="acct-badge">Unread</span>}
        </h2>
        <p>{n.body}</p>
        <time datetime={n.createdAt}>{when(n.createdAt)}</time>
      </div>
      {!n.readAt && (
        <form method="post" action={`/account/notifications/${n.id}/read`}>
          <CsrfField />
          {before && <input type="hidden" name="before" value={String(before)} />}
          <button type="submit" class="secondary">
            Mark read<span class="visually-hidden">: {n.title}</span>
          </button>
        </form>
      )}
    </li>
  );
}

function NotificationsPage({ data }: { data: ListData }) {
  return (
    <AccountLayout title="Notifications">
      <div class="acct-head">
        <h1>Notifications</h1>
        {data.unread > 0 && (
          <form method="post" action="/account/notifications/read-all">
            <CsrfField />
            {data.newest && <input type="hidden" name="upTo" value={String(data.newest)} />}
            <button type="submit">Mark all read</button>
          </form>
        )}
      </div>
      <p role="status">
        {data.done ? `${DONE[data.done]} ` : ""}
        {`${data.unread} unread.`}
      </p>
      {data.items.length === 0
        ? <p class="empty">{data.before ? "No older notifications." : "No notifications yet."}</p>
        : (
          <ul class="acct-list">
            {data.items.map((n) => <Item key={n.id} n={n} before={data.before} />)}
          </ul>
        )}
      <nav class="acct-pager" aria-label="Pages">
        {data.before && <a href="/account/notifications">Newest</a>}
        {data.nextBefore && (
          <a href={`/account/notifications?before=${data.nextBefore}`}>Older notifications</a>
        )}
      </nav>
    </AccountLayout>
  );
}

/** Where a mark-read form sends the browser back to: the page it was on. */
function back(before: unknown, done: keyof typeof DONE) {
  const page = seq.parse(before);
  return `/account/notifications?${page ? `before=${page}&` : ""}done=${done}`;
}

/** `/account/notifications`: every notification, paged, with mark-read forms. */
export function accountNotificationPages(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>()
    .get("/account/notifications", async (c) => {
      const user = pageUser(c);
      if (user instanceof Response) return user;
      const { before, done } = ListQuery.parse(c.req.query());
      const [items, unread] = await Promise.all([
        listNotifications(sql, user.id, { limit: PAGE_SIZE, before }),
        countUnread(sql, user.id),
      ]);
      const newest = c.get("notificationBadge")?.lastSeq ?? items[0]?.seq;
      const nextBefore = items.length === PAGE_SIZE ? items[items.length - 1].seq : undefined;
      return renderPage(
        c,
        <NotificationsPage data={{ items, unread, newest, before, nextBefore, done }} />,
      );
    })
    .post("/account/notifications/read-all", async (c) => {
      const user = pageUser(c);
      if (user instanceof Response) return user;
      const form = await c.req.parseBody();
      // Only what the page showed: a notification that arrived since stays unread.
      await markAllNotificationsRead(sql, user.id, deps.clock.now(), seq.parse(form.upTo));
      return c.redirect(back(undefined, "all"), 303);
    })
    .post("/account/notifications/:id/read", async (c) => {
      const user = pageUser(c);
      if (user instanceof Response) return user;
      const id = NotificationIdParam.safeParse({ id: c.req.param("id") });
      const read = id.success &&
        await markNotificationRead(sql, user.id, id.data.id, deps.clock.now());
      if (!read) throw notFound("Notification");
      return c.redirect(back((await c.req.parseBody()).before, "read"), 303);
    });
}
