import type { SeatLayout } from "../../domain/seat_layout.ts";

/** An aircraft type as the demo data defines it. */
export interface DemoAircraftType {
  code: string;
  name: string;
  manufacturer: string;
  cruiseKmh: number;
  rangeKm: number;
  layout: SeatLayout;
  /** How many airframes of this type the demo fleet has. */
  fleet: number;
}

const base = {
  skipRows: [],
  exitRows: [],
  extraLegroomRows: [],
  blockedSeats: [],
  missingSeats: [],
};

/** Real-looking seat layouts: a regional jet, an A320neo, a 787-9 and a 777-300ER. */
export const DEMO_AIRCRAFT_TYPES: DemoAircraftType[] = [
  {
    code: "E195",
    name: "Embraer 195-E2",
    manufacturer: "Embraer",
    cruiseKmh: 780,
    rangeKm: 4800,
    fleet: 8,
    layout: {
      cabins: [
        {
          ...base,
          code: "J",
          name: "Business",
          firstRow: 1,
          lastRow: 3,
          seatsAcross: "A|DF",
          pitchInches: 38,
        },
        {
          ...base,
          code: "Y",
          name: "Economy",
          firstRow: 4,
          lastRow: 29,
          seatsAcross: "AC|DF",
          skipRows: [13],
          exitRows: [11],
          extraLegroomRows: [4],
          pitchInches: 31,
        },
      ],
    },
  },
  {
    code: "A20N",
    name: "Airbus A320neo",
    manufacturer: "Airbus",
    cruiseKmh: 830,
    rangeKm: 6300,
    fleet: 16,
    layout: {
      cabins: [
        {
          ...base,
          code: "J",
          name: "Business",
          firstRow: 1,
          lastRow: 3,
          seatsAcross: "AC|DF",
          pitchInches: 36,
        },
        {
          ...base,
          code: "Y",
          name: "Economy",
          firstRow: 4,
          lastRow: 30,
          seatsAcross: "ABC|DEF",
          skipRows: [13],
          exitRows: [11, 12],
          extraLegroomRows: [4],
          blockedSeats: ["30C", "30D"],
          pitchInches: 30,
        },
      ],
    },
  },
  {
    code: "B789",
    name: "Boeing 787-9",
    manufacturer: "Boeing",
    cruiseKmh: 900,
    rangeKm: 14000,
    fleet: 6,
    layout: {
      cabins: [
        {
          ...base,
          code: "J",
          name: "Business",
          firstRow: 1,
          lastRow: 7,
          seatsAcross: "A|DG|K",
          pitchInches: 78,
        },
        {
          ...base,
          code: "W",
          name: "Premium Economy",
          firstRow: 20,
          lastRow: 24,
          seatsAcross: "AC|DEG|JK",
          extraLegroomRows: [20],
          pitchInches: 38,
        },
        {
          ...base,
          code: "Y",
          name: "Economy",
          firstRow: 30,
          lastRow: 56,
          seatsAcross: "ABC|DEG|HJK",
          exitRows: [30, 45],
          missingSeats: ["56A", "56K"],
          pitchInches: 31,
        },
      ],
    },
  },
  {
    code: "B77W",
    name: "Boeing 777-300ER",
    manufacturer: "Boeing",
    cruiseKmh: 905,
    rangeKm: 13600,
    fleet: 4,
    layout: {
      cabins: [
        {
          ...base,
          code: "F",
          name: "First",
          firstRow: 1,
          lastRow: 2,
          seatsAcross: "A|E|K",
          pitchInches: 83,
        },
        {
          ...base,
          code: "J",
          name: "Business",
          firstRow: 5,
          lastRow: 12,
          seatsAcross: "A|EF|K",
          pitchInches: 78,
        },
        {
          ...base,
          code: "W",
          name: "Premium Economy",
          firstRow: 20,
          lastRow: 24,
          seatsAcross: "AC|DEFG|HK",
          extraLegroomRows: [20],
          pitchInches: 38,
        },
        {
          ...base,
          code: "Y",
          name: "Economy",
          firstRow: 30,
          lastRow: 59,
          seatsAcross: "ABC|DEFG|HJK",
          skipRows: [],
          exitRows: [30, 43],
          pitchInches: 31,
        },
      ],
    },
  },
];
