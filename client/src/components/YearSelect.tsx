import { CalendarOutlined, DownOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { selectableYears } from "../lib/dates";

/**
 * 2021 … this year, as a button with a menu (lighter than a Select on the dashboard).
 * `data-testid="year-select"` opens it; each option is `year-option-<year>`.
 */
export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        selectable: true,
        selectedKeys: [String(value)],
        items: selectableYears().map((year) => ({
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
