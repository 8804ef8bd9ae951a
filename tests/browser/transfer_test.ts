import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { seedTestSchedule } from "../support/seed.ts";
import { withDatabase } from "../support/db.ts";
import { testApp } from "../support/app.ts";
import { IGNORE_BROWSER, serveWithBrowser } from "../support/browser.ts";
import { watchErrors } from "../support/pages.ts";

/** Most bytes the flight page (HTML, CSS, scripts, headers) may take over the wire. */
const FLIGHT_PAGE_BUDGET_BYTES = 60_000;

/** One response of a page load, as Chromium's network layer saw it. */
interface Transfer {
  url: string;
  status: number;
  encoding: string;
  cacheControl: string;
  /** Bytes on the wire: headers and the (encoded) body; undefined while it still streams. */
  bytes?: number;
  /** Bytes of the body once decoded. */
  decoded: number;
}

/** Records every response the page's network layer finishes, by request. */
async function recordTransfers(page: Page): Promise<Map<string, Transfer>> {
  const cdp = await page.context().newCDPSession(page);
  const seen = new Map<string, Transfer>();
  cdp.on("Network.responseReceived", ({ requestId, response }) => {
    const header = (name: string) =>
      Object.entries(response.headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? "";
    seen.set(requestId, {
      url: response.url,
      status: response.status,
      encoding: String(header("content-encoding")),
      cacheControl: String(header("cache-control")),
      decoded: 0,
    });
  });
  cdp.on("Network.dataReceived", ({ requestId, dataLength }) => {
    const transfer = seen.get(requestId);
    if (transfer) transfer.decoded += dataLength;
  });
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
    const transfer = seen.get(requestId);
    if (transfer) transfer.bytes = encodedDataLength;
  });
  await cdp.send("Network.enable");
  return seen;
}

/** Loads `url` and returns what came over the wire once every finite response finished. */
async function load(page: Page, seen: Map<string, Transfer>, url: string): Promise<Transfer[]> {
  seen.clear();
  await page.goto(url, { waitUntil: "load" });
  // The seat map's event stream never finishes: it is not part of the page's weight.
  const finite = () => [...seen.values()].filter((t) => !t.url.includes("/stream"));
  await waitUntil(() => finite().every((t) => t.bytes !== undefined));
  return finite();
}

async function waitUntil(done: () => boolean) {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(done(), "the page's responses did not finish");
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

Deno.test({
  name:
    "browser: the home, search and flight pages come compressed over the wire, bundles cached for good, pages revalidated by ETag",
  ignore: IGNORE_BROWSER,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withDatabase("pglite", async (db) => {
      await seedTestSchedule(db.sql);
      const t = await testApp(db);
      // The largest aircraft of the day: the heaviest seat map there is.
      const [flight] = await db.sql`
        SELECT f.id, f.origin, f.destination FROM flights f
        JOIN aircraft_configurations a ON a.type_code = f.aircraft_type AND a.code = f.aircraft_config
        WHERE f.departure_date = '2030-03-01' AND f.departure_at > '2030-03-01T06:00:00Z'
        ORDER BY a.seat_count DESC, f.departure_at LIMIT 1`;
      const hits: { path: string; status: number }[] = [];
      const { base, browser, close } = await serveWithBrowser(t, {
        onResponse: (req, res) =>
          hits.push({ path: new URL(req.url).pathname, status: res.status }),
      });
      try {
        const pages = [
          ["home", "/"],
          ["search", `/search?from=${flight.origin}&to=${flight.destination}&date=2030-03-01`],
          ["flight", `/flights/${flight.id}`],
        ];
        const totals: Record<string, number> = {};
        let page!: Page, seen!: Map<string, Transfer>, problems!: string[];
        // Each page on a first visit: a browser with nothing cached.
        for (const [name, path] of pages) {
          page = await (await browser.newContext()).newPage();
          problems = watchErrors(page);
          seen = await recordTransfers(page);
          const transfers = await load(page, seen, base + path);
          const total = transfers.reduce((n, t) => n + t.bytes!, 0);
          totals[name] = total;
          const doc = transfers.find((t) => t.url === base + path)!;
          console.log(
            `over the wire: ${name} ${kb(total)} in ${transfers.length} responses ` +
              `(HTML ${kb(doc.bytes!)} ${doc.encoding}, ${kb(doc.decoded)} decoded)`,
          );
          for (const t of transfers.filter((t) => /\.(js|css)$/.test(t.url) || t === doc)) {
            assert.equal(t.status, 200, t.url);
            assert.match(t.encoding, /^(br|gzip)$/, `${t.url} not compressed`);
          }
          assert.match(doc.cacheControl, /no-cache/, `${name}: a guest's page is revalidated`);
          for (const t of transfers.filter((t) => t.url.includes("/static/build/"))) {
            assert.equal(t.cacheControl, "public, max-age=31536000, immutable", t.url);
          }
          assert.ok(transfers.some((t) => /\/static\/build\/.*\.js$/.test(t.url)), name);
          assert.deepEqual(problems, [], name);
        }
        // The seat stream starts after the map the page already carries: only changes follow,
        // never a second copy of the whole map (its first frame was 45 KB, never compressed).
        const seatStream = () => [...seen.values()].find((t) => t.url.includes("/seats/stream"));
        await waitUntil(() => seatStream() !== undefined);
        const stream = seatStream()!;
        assert.match(stream.url, /[?&]lastEventId=\d+/);
        await new Promise((r) => setTimeout(r, 1000));
        assert.ok(stream.decoded < 2048, `the seat stream sent ${stream.decoded} bytes at once`);
        assert.ok(
          totals.flight < FLIGHT_PAGE_BUDGET_BYTES,
          `the flight page took ${totals.flight} bytes over the wire`,
        );

        // Again: the page is asked for with its ETag (304, no body), its bundles never asked for.
        hits.length = 0;
        const again = await load(page, seen, `${base}/flights/${flight.id}`);
        const again304 = hits.find((h) => h.path === `/flights/${flight.id}`);
        assert.equal(again304?.status, 304, "the unchanged flight page is not sent again");
        assert.deepEqual(hits.filter((h) => h.path.startsWith("/static/build/")), []);
        const total = again.reduce((n, t) => n + t.bytes!, 0);
        console.log(`over the wire: flight again ${kb(total)} in ${again.length} responses`);
        assert.ok(total < totals.flight / 2, `${total} bytes the second time`);
        assert.ok(await page.locator("contrail-island[data-island=SeatMap]").count() > 0);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    }, { seededDays: 1 }),
});
