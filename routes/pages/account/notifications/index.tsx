import { z } from "zod";
import type { Notification } from "../../../../domain/views/notification.ts";
import { readInbox } from "../../../../services/notifications/inbox.ts";
import { actorOf } from "../../../actor.ts";
import { AccountLayout } from "../../../../components/AccountLayout.tsx";
import { CsrfField } from "../../../../components/Layout.tsx";
import { definePage, SIGNED_IN } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { type Done, seqParam } from "./_links.ts";

const PAGE_SIZE = 20;
// A page ignores a bad query value rather than failing.
const ListQuery = z.object({
  before: seqParam,
  done: z.enum(["read", "all"]).optional().catch(undefined),
});
const DONE: Record<Done, string> = {
  read: "Marked as read.",
  all: "All notifications marked as read.",
};

interface ListData {
  items: Notification[];
  unread: number;
  /** The newest seq when the page was made: "mark all read" stops there. */
  newest?: number;
  before?: number;
  nextBefore?: number;
  done?: Done;
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

/** `GET /account/notifications`: every notification, paged, with mark-read forms. */
export const page = definePage({
  path: "/account/notifications",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    GET: async (c) => {
      const { before, done } = ListQuery.parse(c.req.query());
      const { data: items, unread } = await readInbox(deps.db, actorOf(c), {
        limit: PAGE_SIZE,
        before,
      });
      const newest = c.get("notificationBadge")?.lastSeq ?? items[0]?.seq;
      const nextBefore = items.length === PAGE_SIZE ? items[items.length - 1].seq : undefined;
      return renderPage(
        c,
        <NotificationsPage data={{ items, unread, newest, before, nextBefore, done }} />,
      );
    },
  }),
});
