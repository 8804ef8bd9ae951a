/**
 * An incremental RFC 4180 CSV reader that never holds more than one record: quoted fields, ""
 * escapes, CRLF, LF or CR line ends, line breaks inside quotes, a leading BOM dropped. A broken
 * record becomes an error record and reading resumes on the physical line after the one the
 * record started on, so one stray quote costs one row, never the rest of the file. An error
 * record carries that line's text as sent (its first RAW_MAX characters), to hand back.
 */

/** One record with the physical line (1-based) it starts on, or why it could not be read. */
export type CsvRecord =
  | { line: number; fields: string[] }
  | { line: number; error: string; raw: string; rawTruncated: boolean };

/** The most of a broken record's line an error record keeps. */
export const RAW_MAX = 2048;

/** Options for CsvParser. */
export interface CsvOptions {
  /** The longest record accepted, in UTF-16 code units (default 64 KiB). */
  maxRecordLength?: number;
}

/** The default record length cap. */
export const MAX_CSV_RECORD = 64 * 1024;

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

// Between records; at the start of a field; inside an unquoted field; inside quotes; just
// after a quote inside quotes (an escape or the closing quote); discarding a broken line.
const START = 0;
const FIELD = 1;
const UNQUOTED = 2;
const QUOTED = 3;
const QUOTE_SEEN = 4;
const SKIP = 5;

/** Where a broken record's text resumes: `refeed` first, then the chunk from `resume`. */
interface Resync {
  refeed: string;
  resume: number;
}

/** The first `n` UTF-16 units of `text`, one fewer rather than half a surrogate pair. */
function upTo(text: string, n: number): string {
  if (text.length <= n) return text;
  const last = text.charCodeAt(n - 1);
  return text.slice(0, last >= 0xd800 && last < 0xdc00 ? n - 1 : n);
}

/** A row's text bounded as an error record's raw text is, and whether it was cut. */
export function rawText(text: string): { raw: string; rawTruncated: boolean } {
  const raw = upTo(text, RAW_MAX);
  return { raw, rawTruncated: raw.length < text.length };
}

function firstBreak(text: string): number {
  const lf = text.indexOf("\n");
  const cr = text.indexOf("\r");
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}

/**
 * A push parser: `push(text)` returns the records completed by that text, `end()` the last
 * one. Memory is bounded by the record cap, whatever the file size or chunking.
 */
export class CsvParser {
  #max: number;
  #state = START;
  #line = 1;
  #prevCR = false;
  #started = false;
  #recordLine = 0;
  #fields: string[] = [];
  #field = "";
  /** The current record's text from earlier chunks, kept to re-read it after an error. */
  #raw = "";
  /** A broken record whose line is being skipped: emitted, with the line, at its end. */
  #broken: { line: number; error: string; raw: string; rawTruncated: boolean } | undefined;

  constructor(options: CsvOptions = {}) {
    this.#max = options.maxRecordLength ?? MAX_CSV_RECORD;
  }

  /** Feeds the next piece of text; returns the records it completed. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (!this.#started && text.length) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.#run(text, out);
    return out;
  }

  /** Signals the end of input; returns the last record, or errors for what is left open. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (;;) {
      switch (this.#state) {
        case FIELD:
          this.#fields.push("");
          this.#emit(out);
          return out;
        case UNQUOTED:
        case QUOTE_SEEN:
          this.#fields.push(this.#field);
          this.#emit(out);
          return out;
        case QUOTED: {
          const resync = this.#fail(out, "a quoted field is not closed", this.#raw, 0, false);
          if (!resync) {
            this.#emitBroken(out);
            this.#state = START;
            return out;
          }
          this.#run(resync.refeed, out);
          break;
        }
        default:
          this.#emitBroken(out);
          this.#state = START;
          return out;
      }
    }
  }

  #run(text: string, out: CsvRecord[]): void {
    const stack = [{ text, from: 0 }];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const resync = this.#scan(top.text, top.from, out);
      if (!resync) {
        stack.pop();
        continue;
      }
      top.from = resync.resume;
      stack.push({ text: resync.refeed, from: 0 });
    }
  }

  /** Ends a field; at a line break also the record. Returns the state to go on in. */
  #endField(value: string, brk: boolean, out: CsvRecord[]): number {
    this.#fields.push(value);
    this.#field = "";
    if (!brk) return FIELD;
    this.#emit(out);
    return START;
  }

  #emit(out: CsvRecord[]): void {
    out.push({ line: this.#recordLine, fields: this.#fields });
    this.#fields = [];
    this.#field = "";
    this.#raw = "";
    this.#state = START;
  }

  #emitBroken(out: CsvRecord[]): void {
    if (this.#broken) out.push(this.#broken);
    this.#broken = undefined;
  }

  /**
   * Reports the record as broken and picks the place to resume: the text after the first
   * line break of what was read of it, or (none yet) the rest of the current line, which is
   * then skipped and kept (bounded) as the record's raw text before it is emitted.
   */
  #fail(
    out: CsvRecord[],
    error: string,
    full: string,
    resume: number,
    atBreak: boolean,
  ): Resync | undefined {
    const brk = firstBreak(full);
    const text = brk < 0 ? full : full.slice(0, brk);
    this.#broken = { line: this.#recordLine, error, ...rawText(text) };
    this.#fields = [];
    this.#field = "";
    this.#raw = "";
    if (brk < 0) {
      this.#state = atBreak ? START : SKIP;
      if (atBreak) this.#emitBroken(out);
      return undefined;
    }
    this.#emitBroken(out);
    this.#state = START;
    this.#line = this.#recordLine + 1;
    this.#prevCR = full.charCodeAt(brk) === CR;
    return { refeed: full.slice(brk + 1), resume };
  }

  /** Adds a skipped character to the broken record's raw text, up to RAW_MAX. */
  #keepSkipped(c: number): void {
    const broken = this.#broken;
    if (!broken || broken.rawTruncated) return;
    // A character of two UTF-16 units is kept whole or not at all.
    const room = RAW_MAX - broken.raw.length - (c >= 0xd800 && c < 0xdc00 ? 1 : 0);
    if (room > 0) broken.raw += String.fromCharCode(c);
    else broken.rawTruncated = true;
  }

  /** Scans `text` from `from`; stops early only to re-read a broken multi-line record. */
  #scan(text: string, from: number, out: CsvRecord[]): Resync | undefined {
    let state = this.#state;
    let line = this.#line;
    let prevCR = this.#prevCR;
    let seg = from;
    let rec = from;
    const save = () => {
      this.#state = state;
      this.#line = line;
      this.#prevCR = prevCR;
    };
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const brk = c === CR || c === LF;
      step: {
        if (state === START) {
          if (brk) break step;
          state = FIELD;
          rec = i;
          this.#recordLine = line;
        } else if (state === SKIP) {
          if (brk) {
            state = START;
            this.#emitBroken(out);
          } else this.#keepSkipped(c);
          break step;
        }
        let error: string | undefined;
        if (!(brk && state !== QUOTED) && this.#raw.length + i - rec >= this.#max) {
          error = `record longer than ${this.#max} characters`;
        } else if (state === FIELD) {
          if (c === QUOTE) {
            state = QUOTED;
            seg = i + 1;
          } else if (c === COMMA || brk) state = this.#endField("", brk, out);
          else {
            state = UNQUOTED;
            seg = i;
          }
        } else if (state === UNQUOTED) {
          if (c === COMMA || brk) {
            state = this.#endField(this.#field + text.slice(seg, i), brk, out);
          } else if (c === QUOTE) {
            error = `a quote inside an unquoted field (field ${this.#fields.length + 1})`;
          }
        } else if (state === QUOTED) {
          if (c === QUOTE) {
            this.#field += text.slice(seg, i);
            state = QUOTE_SEEN;
          }
        } else if (c === QUOTE) { // QUOTE_SEEN: a doubled quote is one quote character
          this.#field += '"';
          seg = i + 1;
          state = QUOTED;
        } else if (c === COMMA || brk) state = this.#endField(this.#field, brk, out);
        else error = `text after the closing quote of field ${this.#fields.length + 1}`;
        if (error === undefined) break step;
        save();
        const resync = this.#fail(out, error, this.#raw + text.slice(rec, i), i, brk);
        if (resync) return resync;
        // Nothing of the record is left to re-read: the rest of its line is skipped (and kept).
        state = this.#state;
        if (state === SKIP) this.#keepSkipped(c);
      }
      // Count physical lines: CRLF is one break, a lone CR or LF is one too.
      if (c === LF) {
        if (!prevCR) line++;
        prevCR = false;
      } else {
        if (c === CR) line++;
        prevCR = c === CR;
      }
    }
    if (state === UNQUOTED || state === QUOTED) this.#field += text.slice(seg);
    if (state !== START && state !== SKIP) this.#raw += text.slice(rec);
    save();
    return undefined;
  }
}

/** A stream of text chunks in, CSV records out. */
export function csvRecordStream(options: CsvOptions = {}): TransformStream<string, CsvRecord> {
  const parser = new CsvParser(options);
  return new TransformStream({
    transform(chunk, controller) {
      for (const record of parser.push(chunk)) controller.enqueue(record);
    },
    flush(controller) {
      for (const record of parser.end()) controller.enqueue(record);
    },
  });
}
