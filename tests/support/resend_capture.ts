/**
 * A local stand-in for Resend's `POST /emails`, for tests that send through the real
 * `resend` client (pointed here with RESEND_BASE_URL). It checks the Bearer key, records
 * each accepted message, answers `{id}`, and honours `Idempotency-Key` the way Resend does:
 * a repeated key gets the first answer and sends nothing new.
 */

/** One email as the capture server received it (Resend's JSON field names). */
export interface CapturedEmail {
  id: string;
  idempotencyKey: string | null;
  from: string;
  to: string | string[];
  subject: string;
  html?: string;
  text?: string;
  attachments?: { filename: string; content: string; content_type?: string }[];
}

/** A running capture server. */
export interface ResendCapture {
  /** Base URL for RESEND_BASE_URL. */
  url: string;
  apiKey: string;
  /** Messages accepted, each once. */
  inbox: CapturedEmail[];
  /** Every POST /emails, including refused and repeated ones. */
  requests: number;
  /**
   * The next `n` sends are accepted and recorded, but answered 500 as if the response was
   * lost on the way back: the sender must retry, and the retry must not deliver twice.
   */
  loseResponses(n: number): void;
  close(): Promise<void>;
}

const problem = (statusCode: number, name: string, message: string) =>
  Response.json({ statusCode, name, message }, { status: statusCode });

/** Starts the capture server on a free loopback port. */
export function startResendCapture(apiKey = "re_capture_test_key"): ResendCapture {
  const inbox: CapturedEmail[] = [];
  const byKey = new Map<string, string>();
  let lose = 0;
  const state = { requests: 0 };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const path = new URL(req.url).pathname;
    if (req.method !== "POST" || path !== "/emails") return problem(404, "not_found", path);
    state.requests++;
    if (req.headers.get("authorization") !== `Bearer ${apiKey}`) {
      return problem(401, "missing_api_key", "Missing or wrong API key");
    }
    let body: Record<string, unknown>;
    try {
      body = await req.json();
    } catch {
      return problem(422, "validation_error", "Invalid JSON");
    }
    for (const field of ["from", "to", "subject"]) {
      if (!body[field]) return problem(422, "validation_error", `Missing \`${field}\` field.`);
    }
    const key = req.headers.get("idempotency-key");
    const known = key ? byKey.get(key) : undefined;
    if (known) return Response.json({ id: known });
    const id = crypto.randomUUID();
    if (key) byKey.set(key, id);
    inbox.push({ ...(body as unknown as CapturedEmail), id, idempotencyKey: key });
    if (lose > 0) {
      lose--;
      return problem(500, "internal_server_error", "response lost");
    }
    return Response.json({ id });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    apiKey,
    inbox,
    get requests() {
      return state.requests;
    },
    loseResponses: (n) => {
      lose = n;
    },
    close: () => server.shutdown(),
  };
}
