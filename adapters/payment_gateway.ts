/** Card details as a client sends them; they go to the gateway and nowhere else. */
export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  name: string;
}

/** A gateway's answer to a charge. */
export type ChargeResult =
  | { status: "approved"; reference: string; token: string; brand: string; last4: string }
  | {
    status: "declined";
    code: "card_declined" | "insufficient_funds";
    brand: string;
    last4: string;
  }
  | { status: "error"; code: "processing_error"; retryable: true; brand: string; last4: string };

/**
 * What a gateway holds for an idempotency key: the charge it made (approved or declined), or
 * none (never asked, or the attempt failed with a processing error and nothing was charged).
 */
export type ChargeLookup =
  | { status: "succeeded"; reference: string; token: string; brand: string; last4: string }
  | Extract<ChargeResult, { status: "declined" }>
  | { status: "none" };

/** What Contrail needs from a payment gateway. */
export interface PaymentGateway {
  /** Charges once per idempotency key: a retry with the same key gets the first answer. */
  charge(
    input: { amount: number; currency: string; card: CardInput; idempotencyKey: string },
  ): Promise<ChargeResult>;
  /**
   * The charge made for an idempotency key (Contrail passes its payment id), if any, without
   * charging: how the recovery sweep learns what a request that died was told.
   */
  lookup(idempotencyKey: string): Promise<ChargeLookup>;
  refund(
    input: { reference: string; amount: number; idempotencyKey: string },
  ): Promise<{ reference: string }>;
}

/** True when the digits pass the Luhn checksum. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The card brand from its number's prefix. */
export function cardBrand(digits: string): string {
  if (/^4/.test(digits)) return "visa";
  if (/^(5[1-5]|2[2-7])/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^6(011|5)/.test(digits)) return "discover";
  return "card";
}

/** The simulated gateway's test cards and what they do. */
export const TEST_CARDS = {
  "4242424242424242": "approved",
  "4000000000000002": "card_declined",
  "4000000000009995": "insufficient_funds",
  "4000000000000119": "processing_error",
} as const;

/**
 * A gateway that behaves like a real one for the test cards: approvals, declines,
 * insufficient funds, a retryable processing error, and idempotency per key.
 */
export function simulatedGateway(): PaymentGateway {
  const charges = new Map<string, ChargeResult>();
  const refunds = new Map<string, { reference: string }>();
  return {
    charge({ card, idempotencyKey }) {
      const known = charges.get(idempotencyKey);
      if (known) return Promise.resolve(known);
      const brand = cardBrand(card.number);
      const last4 = card.number.slice(-4);
      const behaviour = TEST_CARDS[card.number as keyof typeof TEST_CARDS] ?? "approved";
      let result: ChargeResult;
      if (behaviour === "approved") {
        result = {
          status: "approved",
          reference: `ch_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`,
          token: `tok_${crypto.randomUUID().replaceAll("-", "")}`,
          brand,
          last4,
        };
      } else if (behaviour === "processing_error") {
        // Not remembered: a retry with the same key may go through.
        return Promise.resolve({
          status: "error",
          code: "processing_error",
          retryable: true,
          brand,
          last4,
        });
      } else {
        result = { status: "declined", code: behaviour, brand, last4 };
      }
      charges.set(idempotencyKey, result);
      return Promise.resolve(result);
    },
    lookup(idempotencyKey) {
      const known = charges.get(idempotencyKey);
      // A processing error is not remembered: nothing was charged, so it is not found.
      if (!known || known.status === "error") return Promise.resolve({ status: "none" });
      if (known.status === "approved") return Promise.resolve({ ...known, status: "succeeded" });
      return Promise.resolve(known);
    },
    refund({ idempotencyKey }) {
      let r = refunds.get(idempotencyKey);
      if (!r) {
        refunds.set(idempotencyKey, r = { reference: `re_${crypto.randomUUID().slice(0, 18)}` });
      }
      return Promise.resolve(r);
    },
  };
}
