import type { ComponentChildren } from "preact";
import { Layout } from "./Layout.tsx";
import { BookingSteps } from "./BookingSteps.tsx";
import { ErrorSummary } from "./TripParts.tsx";
import { PassengerForm, type PassengerFormProps } from "./PassengerForm.tsx";

/** What the passenger details page shows besides what is booked: the form, and the problems. */
export type DetailsView = Omit<PassengerFormProps, "fieldErrors" | "formToken"> & {
  errors: { field?: string; message: string }[];
  token: string;
};

/**
 * Step 1 of booking, one flight or a journey: what is booked (`children`), the problems with
 * the last post, and the passenger details form.
 */
export function PassengerDetailsPage(
  { data, children }: { data: DetailsView; children: ComponentChildren },
) {
  const { errors, token, ...form } = data;
  const fieldErrors = Object.fromEntries(
    errors.filter((e) => e.field).map((e) => [e.field!, e.message]),
  );
  return (
    <Layout title="Passenger details" styles={["booking.css"]}>
      <BookingSteps current={1} />
      <h1>Who is flying?</h1>
      {children}
      <ErrorSummary title="The booking could not be made" errors={errors} />
      <PassengerForm {...form} fieldErrors={fieldErrors} formToken={token} />
    </Layout>
  );
}
