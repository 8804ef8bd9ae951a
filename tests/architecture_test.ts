/**
 * The dependency direction between top-level folders (README, Architecture): every relative
 * import in the application's source is checked against the layers below, so an import that
 * points the wrong way fails the suite.
 */
import assert from "node:assert/strict";
import { join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = normalize(fileURLToPath(new URL("..", import.meta.url)));

/** Layer of each top-level folder: a folder imports only from lower layers (and itself). */
const LAYER: Record<string, number> = {
  domain: 0,
  platform: 0,
  adapters: 1,
  db: 1,
  notifications: 2,
  actors: 3,
  workers: 3,
  realtime: 3,
  services: 4,
  components: 5,
  islands: 5,
  routes: 6,
  "(root)": 7,
};

/** Imports between two folders of one layer that are allowed, one way only. */
const SIDEWAYS = new Set([
  "platform → domain", // the system clock implements domain/clock.ts
  "adapters → db", // the KV store and the email and push outboxes keep their rows in db/
  "workers → actors", // workers send commands to the flight actors
  "components → islands", // a server page embeds an island
]);

/** Pairs a lower layer may not take from, even though they sit below it. */
const FORBIDDEN = new Set([
  // Islands run in the browser: they take only pure domain code (and types from services).
  "islands → db",
  "islands → adapters",
  "islands → platform",
  "islands → notifications",
  "islands → actors",
  "islands → workers",
  "islands → realtime",
  "islands → components",
  "islands → services",
  // Views are shaped by use cases, never by a repository's row types.
  "components → db",
  "components → adapters",
  "components → actors",
  "components → workers",
  // HTTP translates to use cases; storage and actors are reached through services.
  "routes → db",
  "routes → actors",
  "routes → workers",
]);

const SOURCE_DIRS = Object.keys(LAYER).filter((d) => d !== "(root)");
const ROOT_FILES = ["main.ts", "isolate.ts", "compose.ts"];

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(join(ROOT, dir))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

const topOf = (path: string) => (path.includes("/") ? path.split("/")[0] : "(root)");
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC = /import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

async function edges(): Promise<Edge[]> {
  const found: Edge[] = [];
  const files: string[] = [...ROOT_FILES];
  for (const dir of SOURCE_DIRS) for await (const f of sourceFiles(dir)) files.push(f);
  for (const file of files) {
    const text = await Deno.readTextFile(join(ROOT, file));
    const add = (spec: string, typeOnly: boolean) => {
      const target = relative(ROOT, join(ROOT, file, "..", spec));
      found.push({ from: file, to: target, typeOnly });
    };
    for (const m of text.matchAll(IMPORT)) add(m[3], Boolean(m[2]));
    for (const m of text.matchAll(DYNAMIC)) add(m[1], false);
  }
  return found;
}

/** Why an import between two folders is not allowed, or undefined when it is. */
function wrongWay(edge: Edge): string | undefined {
  const a = topOf(edge.from), b = topOf(edge.to);
  if (a === b) return undefined;
  if (!(b in LAYER)) return `${b}/ is not an application folder`;
  const pair = `${a} → ${b}`;
  if (a === "islands" && b === "services" && edge.typeOnly) return undefined;
  if (FORBIDDEN.has(pair)) return pair;
  if (LAYER[b] < LAYER[a] || SIDEWAYS.has(pair)) return undefined;
  return pair;
}

Deno.test("architecture: every import between folders points down the layers", async () => {
  const all = await edges();
  assert.ok(all.length > 500, `only ${all.length} imports found: is the parser broken?`);
  const wrong = new Map<string, string[]>();
  for (const edge of all) {
    const pair = wrongWay(edge);
    if (pair) wrong.set(pair, [...(wrong.get(pair) ?? []), `${edge.from} → ${edge.to}`]);
  }
  assert.deepEqual([...wrong], [], "imports that point the wrong way");
});

Deno.test("architecture: the layer rule catches an import that points the wrong way", () => {
  const cases: [Edge, boolean][] = [
    [
      { from: "actors/registry.ts", to: "services/bookings/hold_booking.ts", typeOnly: false },
      true,
    ],
    [{ from: "db/users_repo.ts", to: "adapters/tokens.ts", typeOnly: true }, true],
    [{ from: "domain/booking.ts", to: "platform/log.ts", typeOnly: false }, true],
    [{ from: "actors/inventory_runtime.ts", to: "workers/waitlist.ts", typeOnly: false }, true],
    [{ from: "islands/SeatMap.tsx", to: "db/flights_repo.ts", typeOnly: true }, true],
    [{ from: "services/bookings/x.ts", to: "db/bookings_repo.ts", typeOnly: false }, false],
    [{ from: "workers/waitlist.ts", to: "actors/registry.ts", typeOnly: false }, false],
    [{ from: "islands/SeatMap.tsx", to: "services/search/x.ts", typeOnly: true }, false],
    [{ from: "islands/SeatMap.tsx", to: "services/search/x.ts", typeOnly: false }, true],
    [{ from: "main.ts", to: "routes/app.ts", typeOnly: false }, false],
  ];
  for (const [edge, isWrong] of cases) {
    assert.equal(Boolean(wrongWay(edge)), isWrong, `${edge.from} → ${edge.to}`);
  }
});
