import { describe, expect, it } from "vitest";
import { forecastByPace, forecastByPipeline, median, neededPerMonth } from "./forecast";

const medians = { signedToStarted: 60, startedToCompleted: 120 };

describe("year-end forecast", () => {
  it("scales the count so far to the whole year at the current pace", () => {
    // 1 July 2022 is day 182 of 365.
    expect(forecastByPace(50, 2022, "2022-07-01")).toBe(Math.round(50 / (182 / 365)));
    expect(forecastByPace(100, 2021, "2022-07-01")).toBe(100);
  });

  it("takes the middle of the observed durations", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("adds the buildings in the pipeline expected to arrive by 31 December", () => {
    const forecast = forecastByPipeline({
      stage: "completed",
      year: 2022,
      today: "2022-09-01",
      actual: 40,
      medians,
      waiting: [
        { from: "started", since: "2022-06-01", count: 5 }, // + 120 days → 29 Sep: this year
        { from: "started", since: "2022-09-01", count: 3 }, // → 30 Dec: this year
        { from: "started", since: "2022-09-05", count: 2 }, // → 3 Jan: next year
        { from: "signed", since: "2022-06-01", count: 4 }, // + 180 days → 28 Nov: this year
        { from: "signed", since: "2022-08-01", count: 7 }, // → 28 Jan: next year
      ],
    });
    expect(forecast).toBe(40 + 5 + 3 + 4);
  });

  it("knows a building signed in November will rarely complete this year", () => {
    const forecast = forecastByPipeline({
      stage: "completed",
      year: 2022,
      today: "2022-11-20",
      actual: 0,
      medians,
      waiting: [{ from: "signed", since: "2022-11-10", count: 10 }],
    });
    expect(forecast).toBe(0);
  });

  it("expects overdue buildings no earlier than tomorrow", () => {
    const forecast = forecastByPipeline({
      stage: "started",
      year: 2022,
      today: "2022-12-31",
      actual: 10,
      medians,
      waiting: [{ from: "signed", since: "2022-01-01", count: 3 }],
    });
    expect(forecast).toBe(10);
  });

  it("gives no pipeline forecast for signings or without observed medians", () => {
    const base = { year: 2022, today: "2022-06-01", actual: 3, waiting: [] };
    expect(forecastByPipeline({ ...base, stage: "signed", medians })).toBeNull();
    expect(
      forecastByPipeline({
        ...base,
        stage: "started",
        medians: { signedToStarted: null, startedToCompleted: null },
        waiting: [{ from: "signed", since: "2022-01-01", count: 1 }],
      }),
    ).toBeNull();
  });

  it("works out the monthly rate still needed", () => {
    // From 1 July: 183 days left ≈ 6.02 months; 72 to go.
    // 72 left over 183 days (6.0 months): 11.97 a month, so 12 whole elevators a month.
    expect(neededPerMonth(122, 50, 2022, "2022-07-01")).toBe(Math.ceil(72 / (183 / (365 / 12))));
    expect(neededPerMonth(122, 50, 2022, "2022-07-01")).toBe(12);
    expect(neededPerMonth(122, 130, 2022, "2022-07-01")).toBe(0);
    expect(neededPerMonth(122, 50, 2021, "2022-07-01")).toBeNull();
    expect(neededPerMonth(120, 0, 2023, "2022-07-01")).toBe(10);
  });
});
