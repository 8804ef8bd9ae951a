// Every shutdown listener, so that exitAfterShutdown can give a signal back its default action.
const registered: [Deno.Signal, () => void][] = [];

/** Runs `handler` once on the first SIGINT or SIGTERM; returns a function that unregisters it. */
export function onShutdownSignal(handler: (signal: Deno.Signal) => void): () => void {
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  let fired = false;
  const listeners = signals.map((signal) => {
    const listener = () => {
      if (fired) return;
      fired = true;
      handler(signal);
    };
    Deno.addSignalListener(signal, listener);
    registered.push([signal, listener]);
    return [signal, listener] as const;
  });
  return () =>
    listeners.forEach(([s, l]) => {
      Deno.removeSignalListener(s, l);
      const at = registered.findIndex(([rs, rl]) => rs === s && rl === l);
      if (at >= 0) registered.splice(at, 1);
    });
}

/** Options of exitAfterShutdown. */
export interface ExitOptions {
  /** The process may run under `deno run --watch` (the dev task). */
  development: boolean;
}

/**
 * Ends the process once the shutdown handler has drained it: exit `code`, except for a
 * SIGTERM in development, which is raised again with Deno's default action (the process ends
 * by that signal). Under `deno run --watch`, Deno.exit() ends only the current run and the
 * watcher would keep the process alive; it stops by itself on SIGINT.
 */
export function exitAfterShutdown(signal: Deno.Signal, code: number, options: ExitOptions): void {
  if (!options.development || signal !== "SIGTERM") Deno.exit(code);
  for (const [s, l] of registered.splice(0)) Deno.removeSignalListener(s, l);
  // Deno.exit() would dispatch "unload" (the logger writes its queue then); a signal does not.
  globalThis.dispatchEvent(new Event("unload"));
  Deno.kill(Deno.pid, "SIGTERM");
}

/** What withTimeout rejects with when time runs out. */
export class TimeoutError extends Error {
  /** Names what ran out of time. */
  constructor(readonly what: string, readonly ms: number) {
    super(`${what} timed out after ${ms} ms`);
    this.name = "TimeoutError";
  }
}

/** Waits for `promise`, or rejects with a TimeoutError after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
