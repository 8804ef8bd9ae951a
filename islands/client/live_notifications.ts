/**
 * Browser hooks for the header bell: the user's notification stream, resumed after the newest
 * notification the page knew, and closing a popup on Escape or a click outside. Browser-only.
 */
import type { RefObject } from "preact";
import { useEffect } from "preact/hooks";
import type { Notification } from "../../domain/views/notification.ts";
import { announceNotification } from "./notification_events.ts";

// A stream the server refused (an expired session) is not retried by the browser itself.
const RETRY_REFUSED_MS = 30_000;

/**
 * Calls `onNotification` for each notification newer than `newest.current` (which it
 * advances), from `/api/me/notifications/stream`, reconnecting after a refusal.
 */
export function useNotificationStream(
  newest: RefObject<number>,
  onNotification: (n: Notification) => void,
): void {
  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      source = new EventSource(`/api/me/notifications/stream?lastEventId=${newest.current}`);
      source.addEventListener("notification", (e) => {
        const n = JSON.parse((e as MessageEvent).data) as Notification;
        if (n.seq <= (newest.current ?? 0)) return;
        newest.current = n.seq;
        onNotification(n);
        announceNotification(n);
      });
      source.onerror = () => {
        if (source?.readyState === EventSource.CLOSED) {
          retry = setTimeout(connect, RETRY_REFUSED_MS);
        }
      };
    };
    connect();
    return () => {
      source?.close();
      clearTimeout(retry);
    };
  }, []);
}

/**
 * While `open`, Escape calls `close(true)` (focus goes back to the opener) and a click
 * outside `inside` calls `close(false)`.
 */
export function useDismiss(
  open: boolean,
  inside: RefObject<HTMLElement>,
  close: (returnFocus: boolean) => void,
): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close(true);
    const onClick = (e: MouseEvent) => !inside.current?.contains(e.target as Node) && close(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, [open]);
}
