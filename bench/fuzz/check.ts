/**
 * The rules every answer to a fuzz request must keep: no 5xx; errors as RFC 9457 problems
 * (an HTML error page on page routes); nothing that had to be refused accepted; no internals,
 * no reflected script and no off-site redirect.
 */
import type { FuzzRequest } from "./generate.ts";
import { SCRIPT_MARKER } from "./hostile.ts";
import { answersAsPage } from "./targets.ts";

/** Kinds of broken rule. */
export type FailureKind =
  | "5xx"
  | "not-problem"
  | "bad-problem"
  | "accepted"
  | "leak"
  | "reflected-script"
  | "open-redirect"
  | "threw";

/** One broken rule, with what is needed to replay the request. */
export interface Failure {
  kind: FailureKind;
  index: number;
  method: string;
  path: string;
  status: number;
  detail: string;
}

const PROBLEM = "application/problem+json";
const LEAK =
  /PostgresError|syntax error at or near|invalid input syntax|violates \w+ (key )?constraint|ZodError|\bat \S+\.tsx?:\d+|file:\/\/\//;

/** The answer's body as text (an event stream is hung up on, like a client would). */
export async function readBody(res: Response): Promise<string> {
  if ((res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
    await res.body?.cancel();
    return "";
  }
  return await res.text();
}

function problemDetail(text: string, status: number): string | undefined {
  try {
    const p = JSON.parse(text);
    if (p.status !== status) return `problem status ${p.status} on a ${status}`;
    if (typeof p.code !== "string" || typeof p.title !== "string") {
      return "problem without code/title";
    }
    return undefined;
  } catch {
    return "problem body is not JSON";
  }
}

/** The rules `res` (with body `text`) breaks for `req`; `note` explains a 5xx from the log. */
export function checkAnswer(req: FuzzRequest, res: Response, text: string, note = ""): Failure[] {
  const out: Failure[] = [];
  const fail = (kind: FailureKind, detail: string) =>
    out.push({
      kind,
      index: req.index,
      method: req.method,
      path: req.path.slice(0, 160),
      status: res.status,
      detail,
    });
  const type = (res.headers.get("content-type") ?? "").split(";")[0].trim();
  const kind = req.verdict.landing?.target.kind;
  const page = kind ? kind === "page" || kind === "page-upload" : answersAsPage(req.path);
  if (res.status >= 500) fail("5xx", note || text.slice(0, 200));
  else if (res.status >= 400 && req.method !== "HEAD") {
    if (type === PROBLEM) {
      const bad = problemDetail(text, res.status);
      if (bad) fail("bad-problem", bad);
    } else if (!(page && type === "text/html")) {
      fail("not-problem", `${type || "no type"}: ${text.slice(0, 120)}`);
    }
  }
  if (res.status < 300 && req.verdict.hard.length) {
    fail("accepted", `must be refused (${req.verdict.hard.join(", ")}) [${req.tags.join(" ")}]`);
  }
  if (res.status >= 400 && LEAK.test(text)) fail("leak", text.match(LEAK)![0]);
  if (type === "text/html" && text.includes(SCRIPT_MARKER)) {
    fail("reflected-script", "the marker came back unescaped");
  }
  const location = res.headers.get("location");
  if (res.status >= 300 && res.status < 400 && location) {
    if (new URL(location, "http://localhost/").origin !== "http://localhost") {
      fail("open-redirect", location);
    }
  }
  return out;
}
