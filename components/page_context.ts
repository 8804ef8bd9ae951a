/**
 * What every server-rendered page knows about its request: who is signed in, the browser's
 * CSRF token for forms, and the path (for navigation). Set by renderPage; server-only.
 */
import { createContext } from "preact";

/** The signed-in user as pages see them. */
export interface PageUser {
  id: string;
  email: string;
  role: "passenger" | "operator" | "admin";
}

/** A page request's facts. */
export interface PageInfo {
  user?: PageUser;
  /** The ct_csrf cookie's value: every form posts it back as `_csrf`. */
  csrf: string;
  path: string;
  /** The signed-in user's unread count and newest notification seq (the header bell). */
  notifications?: { unread: number; lastSeq: number };
}

/** The current page request (see PageInfo). */
export const PageContext = createContext<PageInfo>({ csrf: "", path: "/" });

/** True for operators and admins. */
export function isStaff(user: PageUser | undefined): boolean {
  return user?.role === "operator" || user?.role === "admin";
}
