import assert from "node:assert/strict";
import { runDueJobs } from "../../workers/job_runner.ts";
import { deliverToMailbox } from "../../db/email_outbox_repo.ts";
import { testOnEachBackend } from "../support/db.ts";
import { type TestApp, testApp } from "../support/app.ts";
import { seedTestSchedule } from "../support/seed.ts";
import { json, signUp } from "../support/http.ts";
import { staffHeaders } from "../support/staff.ts";
import { PageClient } from "../support/pages.ts";
import { staffPages } from "../support/staff_pages.ts";

const VISA = { number: "4242424242424242", expMonth: 12, expYear: 2031, cvc: "123", name: "Ada" };
const HEADER = "flight_number,origin,destination,departure_local,arrival_local,aircraft_type," +
  "fare_J,fare_W,fare_Y,carrier";
const row = (n: number, origin = "LHR") =>
  `${n},${origin},JFK,2030-06-01T09:00,2030-06-01T12:00,B789,250000,90000,45000,ZZ`;

/** Posts a CSV as the upload form does without JavaScript: `_csrf` first, then the file. */
function uploadForm(
  t: TestApp,
  client: PageClient,
  csv: string,
  csrf: string | null = client.jar.get("ct_csrf") ?? null,
) {
  const form = new FormData();
  if (csrf !== null) form.append("_csrf", csrf);
  form.append("file", new File([csv], "flights.csv", { type: "text/csv" }));
  return t.app.request("/admin/flights/upload", {
    method: "POST",
    headers: { Cookie: client.jar.header() },
    body: form,
  });
}

testOnEachBackend(
  "admin pages: a guest is sent to sign in, a passenger gets a 403 page",
  async (db) => {
    const t = await testApp(db);
    try {
      const guest = new PageClient(t.app);
      const passenger = await staffPages(t, db, "passenger");
      const paths = [
        "/admin",
        "/admin/flights",
        "/admin/flights/new",
        `/admin/flights/${crypto.randomUUID()}`,
        "/admin/flights/recurring",
        "/admin/flights/upload",
        `/admin/jobs/${crypto.randomUUID()}`,
        "/admin/mailbox",
        `/admin/mailbox/${crypto.randomUUID()}`,
      ];
      for (const path of paths) {
        const res = await guest.get(path);
        assert.equal(res.status, 303, path);
        assert.equal(res.headers.get("location"), `/login?next=${encodeURIComponent(path)}`);
        const denied = await passenger.get(path);
        assert.equal(denied.status, 403, path);
        assert.match(await denied.text(), /<h1>Forbidden<\/h1>/);
      }
      const post = await passenger.post("/admin/flights/new", { flightNumber: "1" });
      assert.equal(post.status, 403);
    } finally {
      await t.close();
    }
  },
);

testOnEachBackend(
  "upload page without JavaScript: the file streams into a job; the job page shows rejected rows",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const op = await staffPages(t, db);
      assert.match(await op.html("/admin/flights/upload"), /enctype="multipart\/form-data"/);
      const csv = [HEADER, row(1), row(2), row(3, "QQQ"), row(4)].join("\n");
      const res = await uploadForm(t, op, csv);
      assert.equal(res.status, 303, await res.clone().text());
      const page = res.headers.get("location")!;
      assert.match(page, /^\/admin\/jobs\/[0-9a-f-]{36}$/);
      assert.match(await op.html(page), /Queued: 4 rows wait for the importer\./);

      await runDueJobs({ sql: db.sql, log: t.deps.log, clock: t.clock });
      const done = await op.html(page);
      assert.match(done, /Done: 4 rows read; 3 imported, 1 rejected\./);
      assert.match(done, /aria-valuenow="4"/);
      assert.match(done, /<th scope="row">4<\/th><td>origin: unknown airport<\/td>/);
      assert.match(await op.html("/admin/flights/upload"), /flights\.csv<\/a>/, "recent imports");

      const badHeader = await uploadForm(t, op, "flight,from\n1,LHR\n");
      assert.equal(badHeader.status, 400);
      assert.match(await badHeader.text(), /role="alert">The header row is not a flight CSV/);

      const forged = await uploadForm(t, op, csv, "forged");
      assert.equal(forged.status, 403);
      const missing = await uploadForm(t, op, csv, null);
      assert.equal(missing.status, 403);
      const [{ jobs }] = await db.sql`SELECT count(*)::int AS jobs FROM jobs`;
      assert.equal(jobs, 1, "refused uploads stage nothing");
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "upload page: a file over the 1 MiB page limit still streams into its job",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const op = await staffPages(t, db);
      await op.get("/admin/flights/upload"); // the form's CSRF cookie
      const rows = Array.from({ length: 12_000 }, (_, i) => row(i + 1) + " ".repeat(20));
      const csv = [HEADER, ...rows].join("\n");
      assert.ok(csv.length > 1024 * 1024);
      const res = await uploadForm(t, op, csv);
      assert.equal(res.status, 303, await res.clone().text());
      assert.match(await op.html(res.headers.get("location")!), /Queued: 12000 rows/);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "dashboard: the tables under the charts carry the reports' numbers; a bad range is shown",
  async (db) => {
    await seedTestSchedule(db.sql, 1);
    const t = await testApp(db);
    try {
      const [f] = await db.sql`
        SELECT id FROM flights WHERE departure_date = '2030-03-01' AND aircraft_type = 'A20N'
        ORDER BY departure_at DESC LIMIT 1`;
      const pax = await signUp(t.app, "dash@example.test");
      const booked = await t.app.request(
        "/api/bookings",
        json("POST", {
          flightId: f.id,
          cabin: "Y",
          passengers: [{ firstName: "A", lastName: "B" }, { firstName: "C", lastName: "D" }],
        }, pax.headers),
      );
      const booking = await booked.json();
      const paid = await t.app.request(
        `/api/bookings/${booking.id}/pay`,
        json("POST", { card: VISA }, { ...pax.headers, "Idempotency-Key": "pay-dash" }),
      );
      assert.equal(paid.status, 200);
      // Bookings carry the database's clock; put this one at the test clock's hour.
      await db.sql`
        UPDATE bookings SET created_at = '2030-03-01T06:10:00Z', confirmed_at = '2030-03-01T06:20:00Z'
        WHERE id = ${booking.id}`;

      const op = await staffPages(t, db);
      const html = await op.html("/admin?from=2030-02-28&to=2030-03-02");
      const { headers } = await staffHeaders(t, db);
      const api = await (await t.app.request(
        "/api/admin/reports/daily?from=2030-02-28&to=2030-03-02",
        { headers },
      )).json();
      const load = html.slice(html.indexOf('id="chart-load-title"'), html.indexOf("chart-revenue"));
      const rows = [...load.matchAll(/<tr><th scope="row">[^<]+<\/th>((?:<td[^>]*>[^<]*<\/td>)+)/g)]
        .map((m) => [...m[1].matchAll(/>([^<]*)<\/td>/g)].map((c) => c[1]));
      assert.deepEqual(
        rows,
        api.data.map((
          d: { flights: number; sold: number; capacity: number; loadFactor: number },
        ) => [
          String(d.flights),
          String(d.sold),
          String(d.capacity),
          `${Math.round(d.loadFactor * 100)}%`,
        ]),
      );
      assert.equal(api.data[1].sold, 2);
      assert.match(html, /<details open>/, "tables open until the charts hydrate");
      assert.match(html, /data-island="DashboardCharts"/);
      const bookings = html.slice(html.indexOf('id="chart-bookings-title"'));
      assert.match(bookings, /Bookings per hour/);
      assert.match(
        bookings,
        /<th scope="row">Fri 1 Mar 06:00 UTC<\/th><td class="num">1<\/td><td class="num">1<\/td>/,
      );

      const bad = await op.get("/admin?from=2030-03-05&to=2030-03-01");
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /id="f-to-error">to is before from</);
    } finally {
      await t.close();
    }
  },
  { seededDays: 1 },
);

testOnEachBackend(
  "mailbox pages: the plain text in the page, the HTML only in a sandboxed srcdoc frame",
  async (db) => {
    const t = await testApp(db);
    try {
      const id = await deliverToMailbox(db.sql, {
        dedupeKey: "mail-page-test",
        from: "Contrail <noreply@contrail.test>",
        to: "pat@example.test",
        subject: "Your flight is delayed",
        html: '<p style="color:red">Hello <script>alert(1)</script><b>Pat</b></p>',
        text: "Hello Pat,\nyour flight leaves at 11:30.",
        attachments: [],
      });
      const op = await staffPages(t, db);
      const list = await op.html("/admin/mailbox");
      assert.match(list, new RegExp(`<a href="/admin/mailbox/${id}">Your flight is delayed</a>`));
      const page = await op.html(`/admin/mailbox/${id}`);
      assert.match(page, /<pre class="mail-text">Hello Pat,\nyour flight leaves at 11:30\.<\/pre>/);
      assert.match(page, /<dd>pat@example\.test<\/dd>/);
      // `sandbox` with no value: no scripts, no same-origin access, no forms, no pop-ups.
      const frame = /<iframe sandbox srcdoc="([^"]*)"/.exec(page);
      assert.ok(frame, "a sandboxed srcdoc frame");
      assert.equal(
        frame[1],
        "&lt;p>Hello &lt;script>alert(1)&lt;/script>&lt;b>Pat&lt;/b>&lt;/p>",
      );
      assert.doesNotMatch(page, /<script>alert/, "never in the page itself");
      assert.equal((await op.get(`/admin/mailbox/${crypto.randomUUID()}`)).status, 404);
    } finally {
      await t.close();
    }
  },
);
