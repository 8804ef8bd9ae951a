/** PNR alphabet: no 0/O or 1/I, which are misread on the phone and at the counter. */
export const PNR_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A 6-character record locator from 6 random bytes (32 symbols: no modulo bias). */
export function pnrFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 6) throw new RangeError("need 6 random bytes");
  return Array.from(bytes.slice(0, 6), (b) => PNR_ALPHABET[b & 31]).join("");
}

/** Age in whole years on `on` for a "YYYY-MM-DD" birth date. */
export function ageOn(dateOfBirth: string, on: Date): number {
  const [y, m, d] = dateOfBirth.split("-").map(Number);
  let age = on.getUTCFullYear() - y;
  const month = on.getUTCMonth() + 1;
  if (month < m || (month === m && on.getUTCDate() < d)) age--;
  return age;
}

/** Exit-row seats need adults: every passenger's birth date known and 15 or older. */
export function exitRowEligible(passengers: { dateOfBirth?: string }[], departure: Date): boolean {
  return passengers.every((p) =>
    p.dateOfBirth !== undefined && ageOn(p.dateOfBirth, departure) >= 15
  );
}

/** The share of the fare refunded when a confirmed booking is cancelled `msBefore` departure. */
export function refundShare(msBefore: number): number {
  const hours = msBefore / 3_600_000;
  if (hours >= 7 * 24) return 0.9;
  if (hours >= 24) return 0.5;
  return 0;
}
