/**
 * wrk as the load generator: written in C, it costs the shared cores far less per request
 * than a JS client, so more of the machine is left to the server being measured. Its Lua
 * scripts (bench/wrk/) build each request and, for writes, log each answer to a file.
 */
const WRK = "/usr/bin/wrk";
const SCRIPTS = new URL("./wrk/", import.meta.url).pathname;

/** One answered write: what it was, its status, its latency and when it ended (epoch ms). */
export interface WriteAnswer {
  kind: "book" | "pay";
  status: number;
  ms: number;
  end: number;
}

/** Options for runWrites. */
export interface WritesOptions {
  /** "book": one-seat bookings; "bookpay": each booking that is held is then paid. */
  mode: "book" | "bookpay";
  flightId: string;
  /** One bearer token per booking (each booking by its own account). */
  tokens: string[];
  connections: number;
}

/** Runs wrk; `until`, polled meanwhile, ends it early (with SIGINT, as Ctrl-C would). */
async function wrk(args: string[], until?: () => Promise<boolean>): Promise<string> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(WRK, { args, stdout: "piped", stderr: "piped" }).spawn();
  } catch (err) {
    throw new Error(`cannot run ${WRK} (is wrk installed?): ${err}`);
  }
  const output = child.output();
  let running = true;
  output.finally(() => running = false);
  while (until && running) {
    await new Promise((r) => setTimeout(r, 100));
    if (running && await until()) child.kill("SIGINT");
  }
  const out = await output;
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) throw new Error(`wrk failed: ${new TextDecoder().decode(out.stderr)}${text}`);
  return text;
}

/**
 * Sends `tokens.length` bookings (and their payments) over `connections` keep-alive
 * connections and returns every answer; wrk stops by itself once all are answered.
 */
export async function runWrites(url: string, o: WritesOptions): Promise<WriteAnswer[]> {
  const dir = await Deno.makeTempDir({ prefix: "contrail-wrk-" });
  try {
    await Deno.writeTextFile(`${dir}/tokens`, o.tokens.join("\n") + "\n");
    const run = crypto.randomUUID().slice(0, 8);
    await wrk([
      "-t1",
      `-c${o.connections}`,
      "-d600s",
      "--timeout",
      "60s",
      "-s",
      `${SCRIPTS}writes.lua`,
      url,
      "--",
      o.mode,
      o.flightId,
      String(o.tokens.length),
      run,
      `${dir}/tokens`,
      `${dir}/answers`,
    ], async () => (await Deno.readTextFile(`${dir}/answers`).catch(() => "")).endsWith("done\n"));
    const lines = (await Deno.readTextFile(`${dir}/answers`)).trim().split("\n");
    return lines.filter((l) => l && l !== "done").map((line) => {
      const [kind, status, ms, end] = line.split(" ");
      return { kind: kind as WriteAnswer["kind"], status: Number(status), ms: +ms, end: +end };
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** What wrk measured of a search run. */
export interface SearchFigures {
  requests: number;
  seconds: number;
  rps: number;
  non2xx: number;
  socketErrors: number;
  p50: number;
  p99: number;
  max: number;
}

/** Searches for `seconds` at `connections`, going round `routes` ("FROM TO DATE" each). */
export async function runSearch(
  url: string,
  { routes, connections, seconds }: { routes: string[]; connections: number; seconds: number },
): Promise<SearchFigures> {
  const file = await Deno.makeTempFile({ prefix: "contrail-routes-" });
  try {
    await Deno.writeTextFile(file, routes.join("\n") + "\n");
    const out = await wrk([
      "-t1",
      `-c${connections}`,
      `-d${seconds}s`,
      "--latency",
      "-s",
      `${SCRIPTS}search.lua`,
      url,
      "--",
      file,
    ]);
    const json = out.split("\n").find((l) => l.startsWith("{"));
    if (!json) throw new Error(`no figures from wrk:\n${out}`);
    const f = JSON.parse(json);
    return { ...f, rps: f.requests / f.seconds };
  } finally {
    await Deno.remove(file);
  }
}
