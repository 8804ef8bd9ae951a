/**
 * How a flight actor refuses a command for a reason outside the seat rules: the flight does
 * not exist, or its inventory is too contended to answer now (the client may retry).
 */
export class ActorError extends Error {
  constructor(readonly code: "flight_not_found" | "unavailable", message: string) {
    super(message);
    this.name = "ActorError";
  }
}
