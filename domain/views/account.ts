/** View type of a user account as its owner and the admin API see it. */

/** A user as the API shows it (never the password hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: "passenger" | "operator" | "admin";
  homeAirport: string | null;
  disabled: boolean;
  createdAt: string;
}
