// Where a blocker's due date stands, in words and colour: overdue by how many days, due today, due within
// the week, or its date (docs/DOMAIN.md § Blocker supervision: due today is not yet overdue).

import { DUE_SOON_DAYS } from "@jiati/shared/blockers";
import { addDays, daysBetween } from "@jiati/shared/dates";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";

interface Props {
  dueOn: string | null;
  /** The server's today, which overdue is counted against. */
  today: string;
  testId?: string;
}

export function DueTag({ dueOn, today, testId }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!dueOn) return <span className="muted">{t("supervision.noDue")}</span>;
  const daysLeft = daysBetween(today, dueOn);
  if (daysLeft < 0) {
    return (
      <Tag color="error" data-testid={testId} data-due="overdue">
        {t("supervision.overdue", { days: -daysLeft })}
      </Tag>
    );
  }
  const soon = daysLeft <= DUE_SOON_DAYS;
  return (
    <span className="due-tag">
      {fmt.date(dueOn)}{" "}
      {soon && (
        <Tag color="warning" data-testid={testId} data-due="soon">
          {daysLeft === 0 ? t("supervision.dueToday") : t("supervision.dueIn", { days: daysLeft })}
        </Tag>
      )}
    </span>
  );
}

/**
 * The server's today as a listed building's days blocked were counted (since + days), so its due date is
 * judged by the same day as its overdue flag; the device's today when the building is not blocked.
 */
export function todayOfBlocker(blockedSince: string | null, blockedDays: number | null, fallback: string): string {
  return blockedSince && blockedDays != null ? addDays(blockedSince, blockedDays) : fallback;
}
