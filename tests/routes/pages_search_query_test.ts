import assert from "node:assert/strict";
import {
  airportCode,
  journeyHref,
  parseSearchPage,
  searchHref,
} from "../../routes/pages/_search_query.ts";

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

Deno.test("search page query: a round trip's return date and chosen way out, checked", () => {
  const base = { from: "AMS", to: "CDG", date: "2030-03-02" };
  const a = crypto.randomUUID(), b = crypto.randomUUID();
  const ok = parseSearchPage({ ...base, returnDate: "2030-03-05", out: `${a},${b}` });
  assert.ok(ok.ok);
  assert.equal(ok.query.returnDate, "2030-03-05");
  assert.deepEqual(ok.query.out, [a, b]);
  const same = parseSearchPage({ ...base, returnDate: "2030-03-02", out: "" });
  assert.ok(same.ok, "back the same day; an empty choice is none");
  assert.equal(same.query.out, undefined);

  const cases: [Record<string, string>, string, RegExp][] = [
    [{ returnDate: "2030-03-01" }, "returnDate", /on or after the departure date/],
    [{ returnDate: "soon" }, "returnDate", /Choose a return date, like/],
    [{ returnDate: "2030-03-05", out: "12" }, "out", /from the list/],
    [{ returnDate: "2030-03-05", out: `${a},${b},${a}` }, "out", /from the list/],
  ];
  for (const [extra, field, message] of cases) {
    const bad = parseSearchPage({ ...base, ...extra });
    assert.ok(!bad.ok, JSON.stringify(extra));
    assert.deepEqual(Object.keys(bad.errors), [field]);
    assert.match(bad.errors[field], message);
  }
});

Deno.test("search page query: a journey's booking link lists its flights in order", () => {
  assert.equal(
    journeyHref(["a1", "b2"], "J", 3),
    "/book/journey?flights=a1,b2&cabin=J&passengers=3",
  );
  assert.equal(
    searchHref({ from: "AMS", to: "CDG", date: "2030-03-02" }, { out: "a1,b2" }),
    "/search?from=AMS&to=CDG&date=2030-03-02&out=a1,b2",
  );
});
