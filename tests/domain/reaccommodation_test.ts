import assert from "node:assert/strict";
import {
  type Alternative,
  cabinsAtOrAbove,
  rebookingChoices,
  rebookingOrder,
} from "../../domain/reaccommodation.ts";

const H = 3600_000;
const leg = (flightId: string, dep: number, arr: number, cabins = ["J", "Y"]) => ({
  flightId,
  departureAt: dep * H,
  arrivalAt: arr * H,
  cabins: cabins as ("F" | "J" | "W" | "Y")[],
});

Deno.test("reaccommodation: premium cabins go first, then the earliest booking", () => {
  const bookings = [
    { id: "y-late", cabin: "Y" as const, createdAt: 3 },
    { id: "j-late", cabin: "J" as const, createdAt: 4 },
    { id: "y-early", cabin: "Y" as const, createdAt: 1 },
    { id: "f", cabin: "F" as const, createdAt: 9 },
    { id: "w", cabin: "W" as const, createdAt: 0 },
  ];
  assert.deepEqual(bookings.sort(rebookingOrder).map((b) => b.id), [
    "f",
    "j-late",
    "w",
    "y-early",
    "y-late",
  ]);
});

Deno.test("reaccommodation: a passenger may move to the same cabin or a higher one only", () => {
  const cases: [Parameters<typeof cabinsAtOrAbove>[0], string[]][] = [
    ["Y", ["Y", "W", "J", "F"]],
    ["W", ["W", "J", "F"]],
    ["J", ["J", "F"]],
    ["F", ["F"]],
  ];
  for (const [cabin, want] of cases) assert.deepEqual(cabinsAtOrAbove(cabin), want, cabin);
});

Deno.test("reaccommodation: earliest arrival first, direct before an equal connection, same cabin first", () => {
  const alternatives: Alternative[] = [
    [leg("late", 10, 12)],
    [leg("c1", 5, 6), leg("c2", 7, 9)],
    [leg("early", 6, 9)],
    [leg("economy-only", 4, 5, ["Y"])],
  ];
  const forY = rebookingChoices(alternatives, "Y").map((c) =>
    `${c.legs.map((l) => l.flightId).join("+")}:${c.cabin}`
  );
  assert.deepEqual(forY, [
    "economy-only:Y",
    "early:Y",
    "early:J",
    "c1+c2:Y",
    "c1+c2:J",
    "late:Y",
    "late:J",
  ]);
  const forJ = rebookingChoices(alternatives, "J").map((c) => c.legs[0].flightId);
  assert.deepEqual(forJ, ["early", "c1", "late"], "no business cabin on the economy-only flight");
  const mixed: Alternative[] = [[leg("a", 1, 2, ["J", "Y"]), leg("b", 3, 4, ["Y"])]];
  assert.deepEqual(rebookingChoices(mixed, "J"), [], "every leg must have the cabin");
});
