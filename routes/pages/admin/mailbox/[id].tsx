import { notFound } from "../../../../domain/app_error.ts";
import { type MailboxMessage, mailboxMessage } from "../../../../services/email/mailbox.ts";
import { AdminLayout } from "../../../../components/AdminLayout.tsx";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { formatUtc } from "../../../../islands/client/time_format.ts";

/**
 * The page's CSP (style-src 'self') also governs a srcdoc frame, which would refuse every
 * inline style of the email one by one: they are dropped. The sandbox (no scripts, an opaque
 * origin) is what keeps the email's HTML away from the page.
 */
export function frameHtml(html: string): string {
  return html.replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, "")
    .replace(/\sstyle\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "");
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
          <dd>{formatUtc(m.createdAt)}</dd>
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

/** `GET /admin/mailbox/:id`: one message of the dev mailbox, its HTML sandboxed. */
export const page = definePage({
  path: "/admin/mailbox/:id",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const message = await mailboxMessage(deps.db.sql, c.req.param("id"));
      if (!message) throw notFound("Message");
      return renderPage(c, <MessagePage m={message} />);
    },
  }),
});
