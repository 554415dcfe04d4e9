// The 数据截至 date of the dashboard and the report: the figures as they stood at the end of that day
// (docs/DOMAIN.md § As of a date). The calendar (antd DatePicker with dayjs) is loaded on first paint after
// the page, so the dashboard's first screen stays light.

import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { AsOf } from "../lib/useAsOf";

const AsOfCalendar = lazy(() => import("./AsOfCalendar").then((module) => ({ default: module.AsOfCalendar })));

/** `data-testid="as-of-picker"`: the date input; choosing today (or clearing) goes back to the year's default. */
export function AsOfPicker({ asOf }: { asOf: AsOf }) {
  const { t } = useTranslation();
  return (
    <span className="as-of-picker">
      <span className="muted">{t("dashboard.asOfPicker")}</span>{" "}
      <Suspense fallback={<span data-testid="as-of-value">{asOf.day}</span>}>
        <AsOfCalendar asOf={asOf} />
      </Suspense>
    </span>
  );
}
