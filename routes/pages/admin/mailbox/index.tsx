import { type MailboxLine, mailboxPage } from "../../../../services/email/mailbox.ts";
import { AdminLayout } from "../../../../components/AdminLayout.tsx";
import { Pager } from "../../../../islands/parts/Pager.tsx";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { pageParam } from "../_forms.ts";
import { formatUtc } from "../../../../islands/client/time_format.ts";

const PER_PAGE = 25;

function MailboxPage(
  { messages, page, pages }: { messages: MailboxLine[]; page: number; pages: number },
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
                <td>{formatUtc(m.createdAt)}</td>
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

/** `GET /admin/mailbox`: the dev mailbox, newest first. */
export const page = definePage({
  path: "/admin/mailbox",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const page = pageParam(c.req.query("page"));
      const { messages, pages } = await mailboxPage(deps.db.sql, page, PER_PAGE);
      return renderPage(c, <MailboxPage messages={messages} page={page} pages={pages} />);
    },
  }),
});
