import { Hono } from "hono";
import { notFound } from "../../domain/app_error.ts";
import { isUuid } from "../../domain/ids.ts";
import { getMailboxMessage, listMailbox, type MailboxMessage } from "../../db/email_outbox_repo.ts";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { Pager } from "../../islands/parts/Pager.tsx";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";
import { pageParam } from "./admin_page_support.ts";

const PER_PAGE = 25;
type Listed = Awaited<ReturnType<typeof listMailbox>>["data"][number];

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/**
 * The page's CSP (style-src 'self') also governs a srcdoc frame, which would refuse every
 * inline style of the email one by one: they are dropped. The sandbox (no scripts, an opaque
 * origin) is what keeps the email's HTML away from the page.
 */
export function frameHtml(html: string): string {
  return html.replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, "")
    .replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "");
}

function MailboxPage(
  { messages, page, pages }: { messages: Listed[]; page: number; pages: number },
) {
  return (
    <AdminLayout title="Mailbox">
      <h1>Mailbox</h1>
      <p>Email Contrail would have sent; kept here while no email provider is set up.</p>
      {messages.length === 0 ? <p class="empty">No email yet.</p> : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">To</th>
              <th scope="col">Kept (UTC)</th>
              <th scope="col">Attachments</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <a href={`/admin/mailbox/${m.id}`}>{m.subject}</a>
                </th>
                <td>{m.to}</td>
                <td>{utc(m.createdAt)}</td>
                <td>{m.attachments.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager path="/admin/mailbox" query={{}} page={page} pages={pages} />
    </AdminLayout>
  );
}

function MessagePage({ m }: { m: MailboxMessage }) {
  return (
    <AdminLayout title={m.subject}>
      <p>
        <a href="/admin/mailbox">← Mailbox</a>
      </p>
      <h1>{m.subject}</h1>
      <dl class="fact-list">
        <div>
          <dt>To</dt>
          <dd>{m.to}</dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>{m.from}</dd>
        </div>
        <div>
          <dt>Kept</dt>
          <dd>{utc(m.createdAt)}</dd>
        </div>
        {m.attachments.length > 0 && (
          <div>
            <dt>Attachments</dt>
            <dd>{m.attachments.map((a) => a.filename).join(", ")}</dd>
          </div>
        )}
      </dl>
      <h2>Plain text</h2>
      <pre class="mail-text">{m.text}</pre>
      <details class="mail-html">
        <summary>HTML version (sandboxed, without its inline styles)</summary>
        <iframe sandbox="" srcdoc={frameHtml(m.html)} title={`HTML version of ${m.subject}`} />
      </details>
    </AdminLayout>
  );
}

/** `/admin/mailbox[/:id]`: the dev mailbox, newest first, and one message. */
export function adminMailboxPages(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get("/admin/mailbox", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const page = pageParam(c.req.query("page"));
      const { data, total } = await listMailbox(deps.db.sql, {
        limit: PER_PAGE,
        offset: (page - 1) * PER_PAGE,
      });
      const pages = Math.max(1, Math.ceil(total / PER_PAGE));
      return renderPage(c, <MailboxPage messages={data} page={page} pages={pages} />);
    })
    .get("/admin/mailbox/:id", async (c) => {
      const user = pageUser(c, ["operator", "admin"]);
      if (user instanceof Response) return user;
      const id = c.req.param("id");
      const message = isUuid(id) ? await getMailboxMessage(deps.db.sql, id) : undefined;
      if (!message) throw notFound("Message");
      return renderPage(c, <MessagePage m={message} />);
    });
}
