// Where a blocker's due date stands, in words and colour: overdue by how many days, due today, due within
// the week, or its date (docs/DOMAIN.md § Blocker supervision: due today is not yet overdue).

import { DUE_SOON_DAYS } from "@jiati/shared/blockers";
import { daysBetween } from "@jiati/shared/dates";
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
