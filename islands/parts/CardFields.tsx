/** Props of CardFields. */
export interface CardFieldsProps {
  /** The expiry years to offer, from the server's clock. */
  years: number[];
  disabled?: boolean;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));

/**
 * The card inputs with the browser's autofill names. Never prefilled: a card number or
 * code is never sent back to the browser, stored or logged.
 */
export function CardFields({ years, disabled }: CardFieldsProps) {
  return (
    <fieldset class="card-fields" disabled={disabled}>
      <legend>Card</legend>
      <label for="card-number">
        Card number
        <input
          id="card-number"
          name="number"
          inputMode="numeric"
          autocomplete="cc-number"
          required
          maxLength={23}
          pattern="[0-9 ]{12,23}"
        />
      </label>
      <div class="card-row">
        <label for="card-month">
          Expiry month
          <select id="card-month" name="expMonth" autocomplete="cc-exp-month" required>
            <option value="">MM</option>
            {MONTHS.map((m) => <option key={m} value={String(Number(m))}>{m}</option>)}
          </select>
        </label>
        <label for="card-year">
          Expiry year
          <select id="card-year" name="expYear" autocomplete="cc-exp-year" required>
            <option value="">YYYY</option>
            {years.map((y) => <option key={y} value={String(y)}>{y}</option>)}
          </select>
        </label>
        <label for="card-cvc">
          Security code (CVC)
          <input
            id="card-cvc"
            name="cvc"
            inputMode="numeric"
            autocomplete="cc-csc"
            required
            maxLength={4}
            pattern="[0-9]{3,4}"
          />
        </label>
      </div>
      <label for="card-name">
        Name on card
        <input id="card-name" name="name" autocomplete="cc-name" required maxLength={100} />
      </label>
    </fieldset>
  );
}
