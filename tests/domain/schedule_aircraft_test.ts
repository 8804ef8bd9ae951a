import assert from "node:assert/strict";
import {
  type FlightInput,
  FlightInputSchema,
  resolveFlight,
  type ScheduleLookups,
} from "../../domain/schedule.ts";
import type { CabinCode } from "../../domain/seat_layout.ts";

// A320neo: STD (J+Y, the default) and HD (Y only); one airframe on each, one out of service.
const CONFIGS: Record<string, { code: string; cabins: CabinCode[] }> = {
  "A20N STD": { code: "STD", cabins: ["J", "Y"] },
  "A20N HD": { code: "HD", cabins: ["Y"] },
  "B789 STD": { code: "STD", cabins: ["J", "Y"] },
  "B789 LR": { code: "LR", cabins: ["J", "Y"] },
};
const PLANES: Record<string, { typeCode: string; configCode: string; active: boolean }> = {
  N1CT: { typeCode: "A20N", configCode: "STD", active: true },
  N2CT: { typeCode: "A20N", configCode: "HD", active: true },
  N3CT: { typeCode: "A20N", configCode: "HD", active: false },
};
const look: ScheduleLookups = {
  airportTz: (iata) => ({ LHR: "Europe/London", CDG: "Europe/Paris" })[iata],
  // STD is the A20N's default.
  configuration: (type, config) => CONFIGS[`${type} ${config ?? "STD"}`],
  typesWithConfiguration: (config) =>
    Object.keys(CONFIGS).filter((k) => k.endsWith(` ${config}`)).map((k) => k.split(" ")[0]),
  aircraft: (registration) => PLANES[registration],
};

const flight = (aircraft: Partial<FlightInput>): FlightInput =>
  FlightInputSchema.parse({
    flightNumber: "1",
    origin: "LHR",
    destination: "CDG",
    departureLocal: "2030-03-01T08:00",
    arrivalLocal: "2030-03-01T10:15",
    baseFares: { Y: 9000 },
    ...aircraft,
  });

Deno.test("resolveFlight: the configuration a flight is sold with", async (t) => {
  const cases: [string, Partial<FlightInput>, string | [string, string]][] = [
    ["a type alone means its default", { aircraftType: "A20N", baseFares: { J: 1, Y: 1 } }, "STD"],
    ["a type and a configuration", { aircraftType: "A20N", aircraftConfiguration: "HD" }, "HD"],
    ["an airframe brings its own", { aircraftRegistration: "N2CT" }, "HD"],
    ["an airframe and its own configuration", {
      aircraftRegistration: "N2CT",
      aircraftConfiguration: "HD",
    }, "HD"],
    ["an airframe fitted otherwise", {
      aircraftRegistration: "N1CT",
      aircraftConfiguration: "HD",
    }, ["aircraftConfiguration", "N1CT has configuration STD, not HD"]],
    ["a configuration the type lacks", {
      aircraftType: "A20N",
      aircraftConfiguration: "XL",
    }, ["aircraftConfiguration", "the A20N has no configuration XL"]],
    ["a configuration of another type", {
      aircraftType: "A20N",
      aircraftConfiguration: "LR",
    }, ["aircraftConfiguration", "LR is a configuration of the B789, not of the A20N"]],
    ["an unknown type", { aircraftType: "B999" }, ["aircraftType", "unknown aircraft type"]],
    ["an airframe out of service", { aircraftRegistration: "N3CT" }, [
      "aircraftRegistration",
      "aircraft is not in service",
    ]],
    ["fares follow the configuration's cabins", { aircraftType: "A20N" }, [
      "baseFares.J",
      "the A20N has cabin J",
    ]],
  ];
  for (const [name, aircraft, expected] of cases) {
    await t.step(name, () => {
      const r = resolveFlight(flight(aircraft), look);
      if (typeof expected === "string") {
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.flight.aircraftType, "A20N");
        assert.equal(r.flight.aircraftConfiguration, expected);
      } else {
        assert.ok(!r.ok);
        assert.deepEqual(r.problems, [{ path: expected[0], message: expected[1] }]);
      }
    });
  }
});
