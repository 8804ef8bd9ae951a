import type { CabinLayout } from "../domain/seat_layout.ts";
import type { SeatFees } from "../domain/seat_fees.ts";

/** Props of SeatFeesForm. */
export interface SeatFeesFormProps {
  action: string;
  csrf: string;
  cabins: Pick<CabinLayout, "code" | "name">[];
  fees: SeatFees;
  notice?: string;
  error?: string;
}

/** The amount fields of each cabin: the fee key and its label. */
export const FEE_AMOUNTS = [
  ["exitRow", "Exit row"],
  ["extraLegroom", "Extra legroom"],
  ["frontRowFee", "Front rows"],
] as const;

// Prices show in whole currency units, so fees are set in them too.
const units = (minor = 0) => String(Math.round(minor / 100));

/**
 * A cabin configuration's seat fees per cabin, as a plain form: amounts in the currency each
 * flight sells in (whole units), and how many front rows of the cabin pay theirs.
 */
export function SeatFeesForm(p: SeatFeesFormProps) {
  return (
    <section class="card" aria-labelledby="seat-fees-title" id="seat-fees">
      <h2 id="seat-fees-title">Seat fees</h2>
      <p>
        Charged on top of the fare for seats a passenger chooses (seats we pick to seat a party
        together are free). A seat pays the highest fee that applies to its row. They apply to every
        flight flying this configuration; a flight may override them in the seat-fees API.
      </p>
      {p.notice && <p role="status" class="notice">{p.notice}</p>}
      {p.error && <p role="alert" class="form-error">{p.error}</p>}
      <form method="post" action={p.action} class="stack">
        <input type="hidden" name="_csrf" value={p.csrf} />
        {p.cabins.map((c) => {
          const f = p.fees[c.code];
          return (
            <fieldset key={c.code}>
              <legend>{c.name}</legend>
              {FEE_AMOUNTS.map(([key, label]) => (
                <div class="field" key={key}>
                  <label for={`fee-${c.code}-${key}`}>{`${label} fee`}</label>
                  <input
                    id={`fee-${c.code}-${key}`}
                    name={`${c.code}.${key}`}
                    type="number"
                    min="0"
                    max="10000"
                    step="1"
                    value={units(f?.[key])}
                  />
                </div>
              ))}
              <div class="field">
                <label for={`fee-${c.code}-frontRows`}>Front rows that pay the front-row fee</label>
                <input
                  id={`fee-${c.code}-frontRows`}
                  name={`${c.code}.frontRows`}
                  type="number"
                  min="0"
                  max="20"
                  step="1"
                  value={String(f?.frontRows ?? 0)}
                />
              </div>
            </fieldset>
          );
        })}
        <button type="submit">Save seat fees</button>
      </form>
    </section>
  );
}
