import { describe, expect, it } from "vitest";
import { stageSteps } from "./steps";

const dates = (signedOn: string | null, startedOn: string | null, completedOn: string | null) => ({
  signedOn,
  startedOn,
  completedOn,
});

describe("stageSteps", () => {
  it("marks the stages behind a building done, its own in progress and the rest waiting", () => {
    expect(stageSteps(dates("2024-03-01", null, null)).map((step) => step.status)).toEqual([
      "finish",
      "process",
      "wait",
      "wait",
    ]);
  });

  it("marks every stage done once the building is completed", () => {
    const steps = stageSteps(dates("2023-03-01", "2023-06-01", "2024-01-20"));
    expect(steps.map((step) => step.status)).toEqual(["finish", "finish", "finish", "finish"]);
  });

  it("shows a planned building in progress at the first step", () => {
    expect(stageSteps(dates(null, null, null))[0]?.status).toBe("process");
  });

  it("carries each recorded stage's date, none for the planned step", () => {
    const steps = stageSteps(dates("2023-03-01", "2023-06-01", null));
    expect(steps.map((step) => [step.stage, step.date])).toEqual([
      ["planned", null],
      ["signed", "2023-03-01"],
      ["started", "2023-06-01"],
      ["completed", null],
    ]);
  });
});
