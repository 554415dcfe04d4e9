// The burn-up chart's rows for one stage: the cumulative actual up to this month, the even-pace plan and,
// from this month to December, the straight line to the year-end forecast by pace.

import type { RecordedStage, Summary } from "@jiati/shared";

interface BurnUpPoint {
  month: number;
  actual: number | null;
  plan: number | null;
  forecast: number | null;
}

/** The last month with actual figures: 12 for a past year, 0 for a future one. */
function monthReached(summary: Summary): number {
  const todayYear = Number(summary.today.slice(0, 4));
  if (todayYear > summary.year) return 12;
  if (todayYear < summary.year) return 0;
  return Number(summary.today.slice(5, 7));
}

/** Months 1–12; the actual line stops at this month in the current year. */
export function burnUpPoints(summary: Summary, stage: RecordedStage): BurnUpPoint[] {
  const s = summary.stages[stage];
  const currentMonth = monthReached(summary);
  const lastActual = currentMonth > 0 ? (s.cumulative[currentMonth - 1] ?? 0) : 0;
  const forecastAt = (month: number) =>
    Math.round((lastActual + ((s.forecastPace - lastActual) * (month - currentMonth)) / (12 - currentMonth)) * 10) / 10;
  const forecasting = currentMonth > 0 && currentMonth < 12;
  return s.cumulative.map((value, index) => {
    const month = index + 1;
    return {
      month,
      actual: month > currentMonth ? null : value,
      plan: s.plan?.[index] ?? null,
      forecast: forecasting && month >= currentMonth ? forecastAt(month) : null,
    };
  });
}
