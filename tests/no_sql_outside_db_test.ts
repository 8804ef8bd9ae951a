/**
 * No SQL outside db/ (issue 15): every statement lives in a repository function under db/.
 * The application's source is scanned for postgres.js tagged templates and `.unsafe(` calls;
 * a hit outside db/ fails with its file and line.
 */
import assert from "node:assert/strict";
import { join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = normalize(fileURLToPath(new URL("..", import.meta.url)));

/** Folders that may hold SQL, or are not application source. */
const SKIPPED_DIRS = new Set(["db", "tests", "bench", "scripts", "node_modules", "data", "static"]);

/** A tag whose name says it runs SQL: a client, a transaction or a reserved connection. */
const SQL_TAG = /(?:^|\.)(?:sql|tx|trx|conn|db|client|reserved)$/i;

/**
 * SQL by its keywords, in upper case as this codebase writes them: a template with one of
 * these is SQL whatever its tag is called. Lower case would flag HTML (`<select>`, "update").
 */
const SQL_TEXT = new RegExp(
  [
    String.raw`\bSELECT\b`,
    String.raw`\bINSERT\s+INTO\b`,
    String.raw`\bUPDATE\s+[\w."]+\s+(?:\w+\s+)?SET\b`,
    String.raw`\bDELETE\s+FROM\b`,
    String.raw`\bWITH\s+(?:RECURSIVE\s+)?[\w"]+\s+(?:\([^)]*\)\s+)?AS\b`,
    String.raw`\bRETURNING\b`,
    String.raw`\bON\s+CONFLICT\b`,
    String.raw`\bTRUNCATE\b`,
    String.raw`\b(?:CREATE|ALTER|DROP)\s+(?:TABLE|INDEX|VIEW|SCHEMA|FUNCTION|TRIGGER)\b`,
    String.raw`\bLOCK\s+TABLE\b`,
    String.raw`\b(?:BEGIN|COMMIT|ROLLBACK)\b\s*$`,
  ].join("|"),
);

/** One place SQL is written: the 1-based line and what gave it away. */
interface SqlHit {
  line: number;
  what: string;
}

const IDENT = /[\w$]/;
/** Tokens after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX =
  /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\breturn|\btypeof|\bcase|\bdo|\belse|\bin|\bof)$/;

/** Words that may stand right before an untagged template. */
const KEYWORD =
  /^(?:return|typeof|case|in|of|yield|await|void|else|do|throw|new|delete|instanceof|extends|keyof|infer|as|is|satisfies|default|export)$/;

/**
 * The tag in front of a template literal that starts at `at`, if any: an identifier or member
 * path (`sql`, `deps.sql`, `db\n  .sql`, `this?.tx`), optionally with type arguments
 * (`sql<Row[]>`). A call's or an index's result (`f()`, `o["sql"]`) is a tag without a name.
 */
function tagBefore(src: string, at: number): string | null {
  const space = (k: number) => /\s/.test(src[k] ?? "");
  let i = at - 1;
  // JavaScript allows space, even a line break, between a tag and its template.
  while (space(i)) i--;
  if (src[i] === ")" || src[i] === "]") return "";
  if (src[i] === ">" && src[i - 1] !== "=") {
    // Type arguments: walk back to the matching `<`.
    let depth = 0;
    for (; i >= 0; i--) {
      if (src[i] === ">") depth++;
      else if (src[i] === "<" && --depth === 0) break;
    }
    if (i < 0) return null;
    i--;
    while (space(i)) i--;
  }
  const parts: string[] = [];
  for (;;) {
    let s = i;
    while (s >= 0 && IDENT.test(src[s])) s--;
    if (s === i) break;
    parts.unshift(src.slice(s + 1, i + 1));
    let j = s;
    while (space(j)) j--;
    if (src[j] !== ".") break;
    j--;
    if (src[j] === "?") j--;
    while (space(j)) j--;
    i = j;
  }
  const tag = parts.join(".");
  if (!/^[A-Za-z_$]/.test(tag)) return null;
  if (parts.length === 1 && KEYWORD.test(tag)) return null;
  return tag;
}

/**
 * Finds SQL in TypeScript source: tagged templates whose tag names a SQL client or whose text
 * reads as SQL, and `.unsafe(` calls. Strings, comments and regular expressions are skipped,
 * and templates nested in `${}` are scanned too.
 */
function findSql(src: string): SqlHit[] {
  const hits: SqlHit[] = [];
  const lineAt = (i: number) => src.slice(0, i).split("\n").length;
  // Each open template: where it started, its tag, its static text so far, and the brace
  // depth of the `${` expression we are inside (-1 while in the template's text).
  const templates: { start: number; tag: string | null; text: string; depth: number }[] = [];
  let i = 0;
  let lastCode = ""; // the code before `i` since the last token break, for regex detection

  const closeTemplate = () => {
    const t = templates.pop()!;
    if (t.tag !== null && (SQL_TAG.test(t.tag) || SQL_TEXT.test(t.text))) {
      hits.push({ line: lineAt(t.start), what: `${t.tag}\`…\`` });
    }
  };

  while (i < src.length) {
    const top = templates.at(-1);
    if (top && top.depth === -1) {
      // Inside a template's text.
      const c = src[i];
      if (c === "\\") {
        top.text += src.slice(i, i + 2);
        i += 2;
      } else if (c === "`") {
        i++;
        closeTemplate();
        lastCode = "x"; // a template is a value: `/` after it divides
      } else if (c === "$" && src[i + 1] === "{") {
        top.text += " ? "; // a parameter, like postgres.js sends it
        top.depth = 0;
        i += 2;
        lastCode = "{";
      } else {
        top.text += c;
        i++;
      }
      continue;
    }
    const c = src[i];
    const next = src[i + 1];
    if (c === "/" && next === "/") {
      i = src.indexOf("\n", i);
      if (i === -1) break;
    } else if (c === "/" && next === "*") {
      const end = src.indexOf("*/", i + 2);
      i = end === -1 ? src.length : end + 2;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c && src[i] !== "\n") i += src[i] === "\\" ? 2 : 1;
      i++;
      lastCode = "x";
    } else if (c === "/" && BEFORE_REGEX.test(lastCode.trimEnd())) {
      // A regular expression literal: skip to its closing slash, minding classes.
      i++;
      let inClass = false;
      while (i < src.length && src[i] !== "\n") {
        if (src[i] === "\\") i++;
        else if (src[i] === "[") inClass = true;
        else if (src[i] === "]") inClass = false;
        else if (src[i] === "/" && !inClass) break;
        i++;
      }
      i++;
      while (IDENT.test(src[i] ?? "")) i++;
      lastCode = "x";
    } else if (c === "`") {
      templates.push({ start: i, tag: tagBefore(src, i), text: "", depth: -1 });
      i++;
    } else {
      if (top) {
        // Inside a `${}` expression of an open template.
        if (c === "{") top.depth++;
        else if (c === "}" && top.depth-- === 0) top.depth = -1;
      }
      if (c === "." && src.startsWith(".unsafe(", i)) {
        hits.push({ line: lineAt(i), what: ".unsafe(" });
      }
      lastCode = (lastCode + c).slice(-12);
      i++;
    }
  }
  return hits;
}

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(join(ROOT, dir))) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory) {
      if (!(dir === "" && (SKIPPED_DIRS.has(entry.name) || entry.name.startsWith(".")))) {
        yield* sourceFiles(path);
      }
    } else if (/\.(?:ts|tsx|js|mjs)$/.test(entry.name)) yield path;
  }
}

/** SQL hits in every application source file outside db/, by file. */
async function sqlOutsideDb(): Promise<Map<string, SqlHit[]>> {
  const found = new Map<string, SqlHit[]>();
  for await (const path of sourceFiles("")) {
    const hits = findSql(await Deno.readTextFile(join(ROOT, path)));
    if (hits.length) found.set(path, hits);
  }
  return found;
}

Deno.test("the SQL detector finds tagged templates, fragments and unsafe calls", () => {
  const sample = [
    "const a = await sql`SELECT id FROM flights WHERE id = ${id}`;",
    "const b = await deps.sql<{ id: string }[]>`",
    "  UPDATE bookings SET status = 'cancelled' WHERE id = ${id}`;",
    "await tx`DELETE FROM holds WHERE expires_at < ${now}`;",
    "const where = sql`AND status = ${status}`;",
    "await db.unsafe(`LOCK TABLE jobs`);",
    "const c = q`INSERT INTO audit (what) VALUES (${w})`;",
    "const d = sql`${sql(rows)}`;",
    "const e = html`<p>${x ? sql`SELECT 1` : ''}</p>`;",
    "const [f] = await deps.db",
    "  .sql`SELECT id FROM users`;",
    "const g = pick()`DELETE FROM users WHERE id = ${id}`;",
  ].join("\n");
  assert.deepEqual(findSql(sample).map((h) => h.line), [1, 2, 4, 5, 6, 7, 8, 9, 11, 12]);
});

Deno.test("the SQL detector leaves ordinary templates, strings, comments and regexes alone", () => {
  const sample = [
    "const a = `Select a seat, then update ${name} with the insert`;",
    'const b = html`<select name="cabin"><option>from</option></select>`;',
    "const c = css`.update { color: red }`;",
    "// sql`SELECT 1` in a comment",
    "/* tx`DELETE FROM x` */",
    "const d = 'sql`SELECT 1`';",
    "const e = /`SELECT/.test(s) ? `plain ${'`'}` : `x`;",
    "const f = format(`${n} seats: SELECTED`);",
    "const g = t`Update your booking`;",
    "const h = a / b + `x` / c;",
    "return `WITH love FROM ${who}`;",
    "const i = (n: number) => `SELECT ${n} seats`;",
    "type J = T extends `SELECT ${infer R}` ? R : never;",
  ].join("\n");
  assert.deepEqual(findSql(sample), []);
});

Deno.test("no SQL outside db/", async () => {
  const found = await sqlOutsideDb();
  const hits = [...found].flatMap(([path, hits]) => hits.map((h) => `${path}:${h.line} ${h.what}`));
  assert.deepEqual(hits, [], "SQL belongs in a db/*_repo.ts function");
});
