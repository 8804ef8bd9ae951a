/** View type of an in-app notification. */
/** An in-app notification as stored and as sent to the client. */
export interface Notification {
  id: string;
  /** Per-user order; the SSE event id. */
  seq: number;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}
