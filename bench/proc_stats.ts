/**
 * What a server process costs the machine, read from /proc (Linux): resident memory and CPU
 * time of the process and every process under it. The server may serve from several isolates
 * (ISOLATES), as threads of one process or as child processes; counting the whole tree gives
 * the same figure either way.
 */

/** The pids of `pid` and all its descendants that are alive now. */
export async function processTree(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`).catch(() => "");
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    parents.set(ppid, [...parents.get(ppid) ?? [], Number(entry.name)]);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...parents.get(tree[i]) ?? []);
  return tree;
}

/** Resident memory of one process in bytes (VmRSS), 0 once it is gone. */
export async function rssBytes(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`).catch(() => "");
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return kb ? Number(kb[1]) * 1024 : 0;
}

/** Resident memory of a process tree in bytes. */
export async function treeRssBytes(pid: number): Promise<number> {
  let total = 0;
  for (const p of await processTree(pid)) total += await rssBytes(p);
  return total;
}

/**
 * CPU seconds (user + system) a process tree has used: each process's own time, which the
 * kernel sums over all its threads, living and ended, plus the time of children it reaped.
 */
export async function treeCpuSeconds(pid: number): Promise<number> {
  return await cpuSecondsOf(await processTree(pid));
}

async function cpuSecondsOf(pids: number[]): Promise<number> {
  let ticks = 0;
  for (const p of pids) {
    const stat = await Deno.readTextFile(`/proc/${p}/stat`).catch(() => "");
    if (!stat) continue;
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks / 100; // clock ticks (USER_HZ)
}

/** One memory sample: seconds since the sampler started, bytes. */
export interface RssSample {
  at: number;
  bytes: number;
}

/** Samples a process tree's resident memory on a timer; `watch` moves it to a new process. */
export class RssSampler {
  readonly samples: RssSample[] = [];
  #pid: number | undefined;
  #timer: ReturnType<typeof setInterval>;
  #started = performance.now();

  constructor(intervalMs = 500) {
    this.#timer = setInterval(() => this.#sample(), intervalMs);
  }

  async #sample(): Promise<void> {
    if (this.#pid === undefined) return;
    const bytes = await treeRssBytes(this.#pid);
    if (bytes) this.samples.push({ at: (performance.now() - this.#started) / 1000, bytes });
  }

  /** Samples `pid` from now on (a restarted server). */
  watch(pid: number): void {
    this.#pid = pid;
    this.#sample();
  }

  /** The largest sample taken between `from` and `to` seconds (default: all), in bytes. */
  peak(from = 0, to = Infinity): number {
    const window = this.samples.filter((s) => s.at >= from && s.at <= to);
    return Math.max(0, ...window.map((s) => s.bytes));
  }

  /** Seconds since the sampler started. */
  now(): number {
    return (performance.now() - this.#started) / 1000;
  }

  /** Stops sampling. */
  stop(): void {
    clearInterval(this.#timer);
  }
}

/**
 * The server's CPU time sampled every `intervalMs` against the wall clock, so the CPU a
 * stretch of a run cost (the bookings while seats lasted, the sold-out answers after) can be
 * read off afterwards. The process tree is re-read once a second, not on every sample.
 */
export class CpuTrace {
  readonly samples: { at: number; cpu: number }[] = [];
  #pids: number[] = [];
  #timer: ReturnType<typeof setInterval>;
  #ticks = 0;
  #busy: Promise<void> | undefined;

  constructor(readonly pid: number, readonly intervalMs = 100) {
    this.#timer = setInterval(() => this.#busy ??= this.#sample(), intervalMs);
  }

  async #sample(): Promise<void> {
    if (this.#ticks++ % Math.max(1, Math.round(1000 / this.intervalMs)) === 0) {
      this.#pids = await processTree(this.pid);
    }
    this.samples.push({ at: Date.now(), cpu: await cpuSecondsOf(this.#pids) });
    this.#busy = undefined;
  }

  /** Takes a sample now (before and after a run). */
  async mark(): Promise<void> {
    await this.#busy;
    await (this.#busy = this.#sample());
  }

  /** CPU seconds used by epoch ms `t`, interpolated between the samples around it. */
  at(t: number): number {
    const s = this.samples;
    const i = s.findIndex((x) => x.at >= t);
    if (i <= 0) return i === 0 ? s[0].cpu : s.at(-1)?.cpu ?? 0;
    const [a, b] = [s[i - 1], s[i]];
    return a.cpu + (b.cpu - a.cpu) * (t - a.at) / Math.max(1, b.at - a.at);
  }

  /** CPU milliseconds used between epoch ms `from` and `to`. */
  msBetween(from: number, to: number): number {
    return (this.at(to) - this.at(from)) * 1000;
  }

  /** Stops sampling. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#busy;
  }
}
