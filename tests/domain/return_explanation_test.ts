import assert from "node:assert/strict";
import { describeEmptyReturn, type EmptyReturnReason } from "../../domain/return_explanation.ts";

const trip = {
  from: "CDG",
  to: "MAD",
  cabin: "Y" as const,
  passengers: 2,
  currency: "USD",
  returnDate: "2030-03-02",
};

const late: EmptyReturnReason = {
  kind: "no_return_after_outbound",
  outbound: "earliest",
  outboundArrives: "2030-03-02T14:30",
  connectMinutes: 60,
  earliestReturn: "2030-03-02T15:30",
  lastReturn: "2030-03-02T09:15",
  nextDates: [],
};

// [case, reason, the sentence expected]
const cases: [string, EmptyReturnReason, RegExp, boolean?][] = [
  [
    "every way back leaves before the earliest way out lands",
    late,
    /^No return on Sat 2 Mar connects: the earliest outbound flight lands in MAD at 14:30 and a return needs 60 min to connect, so it must leave at 15:30 or later; the last one leaves at 09:15\.$/,
  ],
  [
    "the chosen way out lands after midnight: the days are named",
    {
      ...late,
      outbound: "chosen",
      outboundArrives: "2030-03-02T23:40",
      earliestReturn: "2030-03-03T00:40",
    },
    /your outbound flight lands in MAD at 23:40 .* leave at Sun 3 Mar 00:40 or later/,
  ],
  [
    "the next return dates and a way out that connects",
    {
      ...late,
      nextDates: [{ date: "2030-03-03", price: 12_000 }],
      latestOutbound: {
        id: "a",
        date: "2030-03-01",
        departureLocal: "2030-03-01T18:05",
        arrivalLocal: "2030-03-01T20:10",
      },
    },
    /Next dates with a return that connects: Sun 3 Mar from \$120\. An outbound flight leaving Fri 1 Mar at 18:05 connects\.$/,
  ],
  [
    "a one-way reason is told as the way back, from the destination home",
    { kind: "no_flights_on_date", nextDates: [] },
    /^On the way back \(Sat 2 Mar\): No flights from MAD to CDG that day\.$/,
  ],
  [
    "sold out on the way back",
    { kind: "sold_out", nextDates: [] },
    /^On the way back \(Sat 2 Mar\): No seats left in Economy for 2 passengers that day\.$/,
  ],
  [
    "later ways back without the cabin, earlier ones with it",
    { kind: "cabin_not_offered", offered: [{ cabin: "J", price: 45_000 }] },
    /^On the way back \(Sat 2 Mar\): the returns late enough to connect have no Economy; those that do leave before you land\. Business from \$450\.$/,
    true,
  ],
];

for (const [name, reason, expected, tooEarly] of cases) {
  Deno.test(`return explanation: ${name}`, () => {
    assert.match(describeEmptyReturn(reason, { ...trip, tooEarly }), expected);
  });
}
