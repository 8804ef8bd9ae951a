import { CsrfField } from "./Layout.tsx";
import { FieldError } from "./TripParts.tsx";

/** A problem with the lookup form, linked to its field when it has one. */
export interface LookupError {
  field?: string;
  message: string;
}

/** The lookup form's messages for the fields zod refused. */
export function lookupErrors(
  issues: { path: PropertyKey[]; message: string }[],
  input: { pnr: string; lastName: string },
): LookupError[] {
  return issues.map((i) => {
    const name = String(i.path[0]);
    const label = name === "pnr" ? "Booking reference" : "Last name";
    const empty = (name === "pnr" ? input.pnr : input.lastName).trim() === "";
    return {
      field: name,
      message: empty ? `Enter the ${label.toLowerCase()}.` : `${label}: ${i.message}`,
    };
  });
}

/**
 * The booking reference and surname form. It posts (with `_csrf`), so neither ends up in a
 * URL, a history or a log. The reference field takes a pasted reference with spaces around it
 * (the server trims it), so it allows more than 6 characters.
 */
export function TripLookupForm(
  { pnr, lastName, errors }: { pnr: string; lastName: string; errors: LookupError[] },
) {
  const field = (name: string) => errors.find((e) => e.field === name)?.message;
  return (
    <form method="post" action="/trips/lookup" class="filter lookup">
      <CsrfField />
      <label for="pnr">
        Booking reference (PNR)
        <input
          id="pnr"
          name="pnr"
          value={pnr}
          maxLength={20}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          required
          aria-invalid={field("pnr") ? "true" : undefined}
          aria-describedby={field("pnr") ? "pnr-error" : undefined}
        />
        <FieldError id="pnr-error" message={field("pnr")} />
      </label>
      <label for="lastName">
        Last name of a passenger
        <input
          id="lastName"
          name="lastName"
          value={lastName}
          maxLength={50}
          autocomplete="family-name"
          required
          aria-invalid={field("lastName") ? "true" : undefined}
          aria-describedby={field("lastName") ? "lastName-error" : undefined}
        />
        <FieldError id="lastName-error" message={field("lastName")} />
      </label>
      <button type="submit">Find my trip</button>
    </form>
  );
}
