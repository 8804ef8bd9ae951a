/** The project root, where `deno task` runs. */
export const ROOT = new URL("../../", import.meta.url).pathname;

/** The `deno run` flags of a deno.json task, e.g. `start` (its least-privilege permissions). */
export async function taskRunFlags(task: string): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(`${ROOT}deno.json`));
  const words: string[] = config.tasks[task].split(/\s+/);
  const run = words.indexOf("run");
  return words.slice(run + 1, words.indexOf("main.ts"));
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

/**
 * Runs `main.ts` (or another script) with the given flags and env; resolves once it logs
 * the URL it listens on as `{"msg":"listening","url":...}`.
 */
export async function startServer(
  flags: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
  script = "main.ts",
): Promise<ServerProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...flags, script],
    cwd: ROOT,
    env: { NO_COLOR: "1", ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
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
          child.kill(signal);
          const result = await status;
          await done;
          return result;
        },
      };
    }
    if (exited || Date.now() > deadline) {
      if (!exited) child.kill("SIGKILL");
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
