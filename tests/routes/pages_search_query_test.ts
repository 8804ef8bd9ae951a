import assert from "node:assert/strict";
import { airportCode, parseSearchPage, searchHref } from "../../routes/pages/_search_query.ts";

Deno.test("search page query: airports as typed or as the autosuggest fills them in", () => {
  const cases: [string, string][] = [
    ["LHR", "LHR"],
    [" lhr ", "LHR"],
    ["London (LHR)", "LHR"],
    ["New York (jfk) ", "JFK"],
    ["London", "LONDON"],
  ];
  for (const [text, want] of cases) assert.equal(airportCode(text), want);
});

Deno.test("search page query: empty fields are absent, problems become one message a field", () => {
  const ok = parseSearchPage({
    from: "Paris (CDG)",
    to: "ams",
    date: "2030-03-02",
    departAfter: "",
    maxPrice: "",
    passengers: "2",
  });
  assert.ok(ok.ok);
  assert.equal(ok.query.from, "CDG");
  assert.equal(ok.query.to, "AMS");
  assert.equal(ok.query.passengers, 2);
  assert.equal(ok.query.departAfter, undefined);
  assert.equal(ok.values.from, "Paris (CDG)", "the form shows what was typed");

  const bad = parseSearchPage({ from: "Paris", to: "ams", date: "soon", maxPrice: "-3" });
  assert.ok(!bad.ok);
  assert.deepEqual(Object.keys(bad.errors).sort(), ["date", "from", "maxPrice"]);
  assert.match(bad.errors.from, /airport you fly from/);
  const same = parseSearchPage({ from: "AMS", to: "ams", date: "2030-03-02" });
  assert.ok(!same.ok);
  assert.match(same.errors.to, /other than the airport you fly from/);
});

Deno.test("search page query: links keep the search and drop emptied fields", () => {
  assert.equal(
    searchHref({ from: "AMS", to: "CDG", date: "2030-03-02", page: "2" }, {
      date: "2030-03-03",
      page: "",
    }),
    "/search?from=AMS&to=CDG&date=2030-03-03",
  );
});
