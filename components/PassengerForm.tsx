import { CsrfField } from "./Layout.tsx";
import { formatPrice } from "../islands/parts/FlightTable.tsx";
import { FieldError } from "./TripParts.tsx";

/** What one passenger typed (strings as posted, so a failed form shows them again). */
export interface PassengerValues {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string;
}

/** A cabin the party can choose, with the price per seat if it fits. */
export interface CabinChoice {
  code: string;
  name: string;
  seatsLeft: number;
  price?: number;
}

/** Props of PassengerForm. */
export interface PassengerFormProps {
  /** Where the form posts (`/book/:flightId`, `/book/journey?flights=…`). */
  action: string;
  cabin: string;
  cabins: CabinChoice[];
  currency: string;
  passengers: PassengerValues[];
  /** Seats chosen on the seat map, one per passenger (empty: seated together by the system). */
  seats: string[];
  /** Messages by field id (`p0-firstName`). */
  fieldErrors: Record<string, string>;
  /** Ties a double submit of this form to the first booking it made. */
  formToken: string;
  /** How seats are given without a choice on the map (default: together, changeable at checkout). */
  seatNote?: string;
}

const FIELDS = [
  { key: "firstName", label: "First name", type: "text", auto: "given-name", required: true },
  { key: "lastName", label: "Last name", type: "text", auto: "family-name", required: true },
  { key: "dateOfBirth", label: "Date of birth", type: "date", auto: "bday", required: true },
  { key: "email", label: "Email (optional)", type: "email", auto: "email", required: false },
] as const;

function cabinLabel(c: CabinChoice, currency: string) {
  const price = c.price === undefined ? "not enough seats" : `${formatPrice(c.price, currency)}`;
  return `${c.name}: ${price}${c.price === undefined ? "" : " per passenger"}`;
}

/** The passenger details form: one fieldset per passenger; posts without JavaScript. */
export function PassengerForm(p: PassengerFormProps) {
  return (
    <form method="post" action={p.action} class="stack booking-form">
      <CsrfField />
      <input type="hidden" name="passengers" value={String(p.passengers.length)} />
      <input type="hidden" name="formToken" value={p.formToken} />
      {p.seats.map((s) => <input key={s} type="hidden" name="seat" value={s} />)}
      <label>
        Cabin
        <select name="cabin" id="cabin">
          {p.cabins.map((c) => (
            <option key={c.code} value={c.code} selected={c.code === p.cabin}>
              {cabinLabel(c, p.currency)}
            </option>
          ))}
        </select>
      </label>
      {p.passengers.map((values, i) => (
        <fieldset key={i} class="passenger">
          <legend>Passenger {i + 1}</legend>
          {FIELDS.map((f) => {
            const id = `p${i}-${f.key}`;
            const error = p.fieldErrors[id];
            const hint = f.key === "dateOfBirth" ? `${id}-hint` : undefined;
            const described = [hint, error ? `${id}-error` : undefined].filter(Boolean).join(" ");
            return (
              <label key={f.key} for={id}>
                {f.label}
                <input
                  id={id}
                  name={id}
                  type={f.type}
                  autocomplete={i === 0 ? f.auto : "off"}
                  required={f.required}
                  maxLength={f.type === "date" ? undefined : f.key === "email" ? 254 : 50}
                  value={values[f.key]}
                  aria-invalid={error ? "true" : undefined}
                  aria-describedby={described || undefined}
                />
                {hint && (
                  <span class="hint-inline" id={hint}>
                    Exit-row seats go only to passengers 15 or older.
                  </span>
                )}
                <FieldError id={`${id}-error`} message={error} />
              </label>
            );
          })}
        </fieldset>
      ))}
      <p class="hint-inline" id="seat-plan">
        {p.seats.length > 0
          ? `We hold ${p.seats.length > 1 ? "seats" : "seat"} ${
            p.seats.join(", ")
          } for a few minutes, in the order of the passengers above; you can change them at checkout.`
          : p.seatNote ??
            "We hold seats together for your party for a few minutes; you can change them at checkout."}
      </p>
      <button type="submit">Hold seats and continue</button>
    </form>
  );
}
