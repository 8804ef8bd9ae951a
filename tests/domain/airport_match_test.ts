import assert from "node:assert/strict";
import { foldText, indexAirport, rankAirports } from "../../domain/airport_match.ts";
import { referenceAirports } from "../../db/seed.ts";
import { DEMO_AIRPORTS } from "../../db/demo/airports.ts";

// The real reference data (OpenFlights, as seeded), served as the demo network serves it.
const served = new Set<string>(DEMO_AIRPORTS);
const index = referenceAirports().map((a) => indexAirport({ ...a, served: served.has(a.iata) }));
const codes = (q: string) => rankAirports(q, index).map((a) => a.iata);

// [typed, the airport that must come first]
const firsts: [string, string][] = [
  ["heathrow", "LHR"],
  ["kennedy", "JFK"],
  ["charles de gaulle", "CDG"],
  ["schiphol", "AMS"],
  ["HEATHROW", "LHR"],
  ["Charles-de-Gaulle", "CDG"],
  ["zurich", "ZRH"],
  ["Zürich", "ZRH"],
  ["ZÜRICH", "ZRH"],
  ["sao paulo", "GRU"],
  ["São Paulo", "GRU"],
  ["lhr", "LHR"],
  ["jfk", "JFK"],
  ["london", "LHR"],
  ["new york", "JFK"],
  ["paris", "CDG"],
  ["lon heath", "LHR"],
  ["united kingdom", "LHR"],
  ["switzerland", "ZRH"],
  ["sydney", "SYD"],
];

for (const [typed, first] of firsts) {
  Deno.test(`airport match: "${typed}" finds ${first} first`, () => {
    assert.equal(codes(typed)[0], first, codes(typed).join(" "));
  });
}

Deno.test("airport match: an exact code comes first even when another airport is served", () => {
  // "par" is no code; "ams" is one; "lgw" is an unserved airport's exact code.
  assert.equal(codes("ams")[0], "AMS");
  assert.equal(codes("lgw")[0], "LGW");
  assert.equal(rankAirports("lgw", index)[0].served, false);
});

Deno.test("airport match: served airports come before unserved ones, which still show", () => {
  const london = rankAirports("london", index);
  assert.equal(london[0].iata, "LHR");
  const firstUnserved = london.findIndex((a) => !a.served);
  assert.ok(firstUnserved > 0, "some unserved London airports follow");
  assert.ok(london.slice(firstUnserved).every((a) => !a.served), "none served after them");
  assert.ok(codes("gatwick").includes("LGW"), "an unserved airport is found by its name");
});

Deno.test("airport match: every typed word must start a word; at most the limit", () => {
  assert.deepEqual(codes("heathrow gatwick"), []);
  assert.deepEqual(codes("eathrow"), [], "inside a word is no match");
  assert.deepEqual(codes("%"), []);
  assert.deepEqual(codes("   "), []);
  assert.equal(codes("international").length, 10);
  assert.equal(rankAirports("international", index, 3).length, 3);
});

// [text, folded]
const folds: [string, string][] = [
  ["Zürich Airport", "zurich airport"],
  ["São Paulo", "sao paulo"],
  ["Charles-de-Gaulle", "charles de gaulle"],
  ["  Sabiha Gökçen  ", "sabiha gokcen"],
  ["O'Hare", "o hare"],
];
for (const [text, folded] of folds) {
  Deno.test(`airport match: "${text}" folds to "${folded}"`, () => {
    assert.equal(foldText(text), folded);
  });
}
