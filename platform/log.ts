/** Log severity, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** A structured JSON logger; `child` adds fields to every line it writes. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values never reach a log line, whatever their nesting. */
const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie|card|cvc|cvv|pan/i;

/** Options for createLogger. */
export interface LoggerOptions {
  level?: LogLevel;
  /** Where finished lines go; defaults to stdout (errors to stderr). */
  sink?: (line: string, level: LogLevel) => void;
  fields?: LogFields;
  now?: () => Date;
}

/**
 * Lines queued for one stream and written together on the next timer turn: one write per
 * batch, not one per line. A slow reader of the pipe (a log shipper, a terminal) then stalls
 * the event loop once per batch instead of on every request.
 */
class LineWriter {
  #queue: string[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly stream: typeof Deno.stdout) {}

  push(line: string): void {
    this.#queue.push(line);
    this.#timer ??= setTimeout(() => this.flushSync(), 0);
  }

  /** Writes whatever is queued now (also on process exit). */
  flushSync(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#queue.length) return;
    const bytes = new TextEncoder().encode(this.#queue.join("\n") + "\n");
    this.#queue = [];
    try {
      for (let off = 0; off < bytes.length;) off += this.stream.writeSync(bytes.subarray(off));
    } catch { /* the stream is closed: nobody is left to read it */ }
  }
}

let writers: { out: LineWriter; err: LineWriter } | undefined;
function defaultSink(line: string, level: LogLevel): void {
  if (!writers) {
    writers = { out: new LineWriter(Deno.stdout), err: new LineWriter(Deno.stderr) };
    // Deno.exit() and the end of the program dispatch "unload": nothing queued is lost.
    globalThis.addEventListener("unload", () => {
      writers!.out.flushSync();
      writers!.err.flushSync();
    });
  }
  (level === "error" ? writers.err : writers.out).push(line);
}

/** Replaces secret-looking values and turns errors into plain objects. */
export function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.test(k) ? "[redacted]" : redact(v, depth + 1);
  }
  return out;
}

/** Creates a logger that writes one JSON object per line. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const min = ORDER[options.level ?? "info"];
  const sink = options.sink ?? defaultSink;
  const now = options.now ?? (() => new Date());
  const base = options.fields ?? {};
  const write = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    const record = { time: now().toISOString(), level, msg, ...base, ...fields };
    sink(JSON.stringify(redact(record)), level);
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}
