/** The project root, where `deno task` runs. */
export const ROOT = new URL("../../", import.meta.url).pathname;

/**
 * The `deno run` flags of a deno.json task, e.g. `serve` (its least-privilege permissions), as
 * the task shell expands them under `env` (DATA_DIR and KV_PATH decide the file permissions).
 * The task's last command must be its `deno run`; whatever runs before it runs here too.
 */
export async function taskRunFlags(
  task: string,
  env: Record<string, string> = {},
  { cwd = ROOT }: { cwd?: string } = {},
): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(`${cwd.replace(/\/$/, "")}/deno.json`));
  const script: string = config.tasks[task];
  const at = script.lastIndexOf("deno run ");
  // The real task shell does the expanding; the `deno run` prints its arguments instead.
  const probe = `${script.slice(0, at)}deno eval 'console.log(JSON.stringify(Deno.args))' -- ` +
    script.slice(at + "deno run ".length);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "--eval", probe],
    cwd,
    env: { NO_COLOR: "1", ...env },
    clearEnv: true,
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const words: string[] = JSON.parse(new TextDecoder().decode(out.stdout));
  return words.slice(0, words.indexOf("main.ts"));
}

/** A Contrail process started by a test. */
export interface ServerProcess {
  url: string;
  child: Deno.ChildProcess;
  /** Every line the process wrote to stdout and stderr so far. */
  lines: string[];
  /** Sends a signal and resolves with the exit status once the process ended. */
  stop(signal?: Deno.Signal): Promise<Deno.CommandStatus>;
}

async function collect(
  stream: ReadableStream<Uint8Array<ArrayBuffer>>,
  lines: string[],
  onLine: () => void,
) {
  let buffered = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffered += chunk;
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    lines.push(...parts);
    onLine();
  }
  if (buffered) lines.push(buffered);
  onLine();
}

/** Options of startServer. */
export interface StartServerOptions {
  timeoutMs?: number;
  /** The script to run (default `main.ts`). */
  script?: string;
  /** The project copy to run it in (default: this project; a benchmark's baseline elsewhere). */
  cwd?: string;
}

/**
 * Runs `main.ts` (or another script) with the given flags and env; resolves once it logs
 * the URL it listens on as `{"msg":"listening","url":...}`.
 */
export function startServer(
  flags: string[],
  env: Record<string, string>,
  { timeoutMs = 60_000, script = "main.ts", cwd = ROOT }: StartServerOptions = {},
): Promise<ServerProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...flags, script],
    cwd,
    env: { NO_COLOR: "1", ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  return untilListening(child, timeoutMs, (signal) => child.kill(signal));
}

/** Options of startTask. */
export interface StartTaskOptions {
  /** The project copy to run the task in (default: this project). */
  cwd?: string;
  timeoutMs?: number;
}

/**
 * Runs `deno task <task>` in a process group of its own and resolves once the server logs
 * that it listens. `stop` signals the whole group, as a terminal or a supervisor would: a
 * `--watch` task is `deno task`, its watcher and the program.
 */
export function startTask(
  task: string,
  env: Record<string, string>,
  { cwd = ROOT, timeoutMs = 60_000 }: StartTaskOptions = {},
): Promise<ServerProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", task],
    cwd,
    env: { NO_COLOR: "1", ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
    detached: true,
  }).spawn();
  return untilListening(child, timeoutMs, (signal) => killGroup(child.pid, signal));
}

/** Sends `signal` to every process in group `pgid`; a group already gone is no error. */
export function killGroup(pgid: number, signal: Deno.Signal = "SIGKILL"): void {
  try {
    Deno.kill(-pgid, signal);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

async function untilListening(
  child: Deno.ChildProcess,
  timeoutMs: number,
  send: (signal: Deno.Signal) => void,
): Promise<ServerProcess> {
  const lines: string[] = [];
  let wake = () => {};
  const done = Promise.all([
    collect(child.stdout, lines, () => wake()),
    collect(child.stderr, lines, () => wake()),
  ]);
  const status = child.status;
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  status.then(() => {
    exited = true;
    wake();
  });
  while (true) {
    const listening = lines.map((l) => /"msg":"listening","url":"([^"]+)"/.exec(l)).find(Boolean);
    if (listening) {
      return {
        url: listening[1],
        child,
        lines,
        stop: async (signal = "SIGTERM") => {
          send(signal);
          const result = await status;
          await done;
          return result;
        },
      };
    }
    if (exited || Date.now() > deadline) {
      if (!exited) send("SIGKILL");
      await status;
      await done;
      throw new Error(`server did not start:\n${lines.join("\n")}`);
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, 200);
    });
  }
}
