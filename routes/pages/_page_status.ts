/**
 * A rendered page answered with another status (renderPage knows only the common ones; a
 * declined card is a 402, a busy payment processor a 503). Never a 5xx for client input.
 */
export function pageStatus(res: Response, status: number): Response {
  if (res.status === status) return res;
  return new Response(res.body, { status, headers: res.headers });
}
