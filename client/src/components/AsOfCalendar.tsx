import { EARLIEST_DATE } from "@jiati/shared/dates";
import { Button, DatePicker } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { today } from "../lib/dates";
import type { AsOf } from "../lib/useAsOf";

/** The calendar of AsOfPicker: days from 2011 up to today. */
export function AsOfCalendar({ asOf }: { asOf: AsOf }) {
  const { t } = useTranslation();
  const todayDate = today();
  return (
    <DatePicker
      data-testid="as-of-picker"
      aria-label={t("dashboard.asOfPicker")}
      format="YYYY-MM-DD"
      allowClear={false}
      value={dayjs(asOf.day)}
      disabledDate={(day) => day.format("YYYY-MM-DD") > todayDate || day.format("YYYY-MM-DD") < EARLIEST_DATE}
      showNow={false}
      renderExtraFooter={() => (
        <Button type="link" size="small" onClick={() => asOf.set(todayDate)}>
          {t("dashboard.asOfToday")}
        </Button>
      )}
      onChange={(day) => asOf.set(day ? day.format("YYYY-MM-DD") : null)}
    />
  );
}
