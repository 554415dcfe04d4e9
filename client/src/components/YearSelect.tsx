import { CalendarOutlined, DownOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { selectableYears, type YearScope } from "../lib/dates";

interface Props {
  value: number;
  onChange: (year: number) => void;
  /** "planning" (targets, letters) also offers next year from 1 October. */
  scope?: YearScope;
}

/**
 * 2021 … this year (or next, when planning), as a button with a menu (lighter than a Select on the dashboard).
 * `data-testid="year-select"` opens it; each option is `year-option-<year>`.
 */
export function YearSelect({ value, onChange, scope = "tracked" }: Props) {
  const { t } = useTranslation();
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        selectable: true,
        selectedKeys: [String(value)],
        items: selectableYears(scope).map((year) => ({
          key: String(year),
          label: <span data-testid={`year-option-${year}`}>{t("common.yearValue", { year })}</span>,
        })),
        onClick: ({ key }) => onChange(Number(key)),
      }}
    >
      {/* The accessible name starts with what is shown (2026年), then says what it chooses. */}
      <Button
        data-testid="year-select"
        aria-label={`${t("common.yearValue", { year: value })} · ${t("common.year")}`}
        icon={<CalendarOutlined />}
      >
        <span data-testid="year-value">{t("common.yearValue", { year: value })}</span>
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
