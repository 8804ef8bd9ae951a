/**
 * What a person paying is told for each payment outcome, in plain language (the API's problem
 * details stay written for client developers). Shared by the checkout page and its card form.
 */

/** The sentence for a payment problem by its code and status; undefined to keep the detail. */
export function paymentMessage(code: string | undefined, status: number): string | undefined {
  switch (code) {
    case "insufficient_funds":
      return "The card has insufficient funds. Try another card; your seats stay held.";
    case "card_declined":
      return "Your bank declined this card. Try another card; your seats stay held.";
    case "payment_processing_error":
      return "The payment service had a temporary problem and nothing was charged. " +
        "Try again: you will not be charged twice.";
    case "payment_in_progress":
      return "Your payment is still being processed. Wait a moment and try again: " +
        "you will not be charged twice.";
    case "payment_confirming":
      return "Your payment went through and we are finishing your booking. " +
        "Try again in a moment: you will not be charged twice.";
    case "card_invalid":
      return "That card number is not valid. Check it and try again.";
    case "card_expired":
      return "That card has expired. Try another card.";
  }
  if (status === 402) return "The card was declined. Try another card; your seats stay held.";
  return undefined;
}
