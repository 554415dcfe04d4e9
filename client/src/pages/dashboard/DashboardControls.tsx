// The dashboard's year and 数据截至 day (antd: a dropdown and a calendar), loaded after the first screen's
// figures; until then ControlsPlaceholder holds their place at their size.

import { AsOfPicker } from "../../components/AsOfPicker";
import { YearSelect } from "../../components/YearSelect";
import type { AsOf } from "../../lib/useAsOf";

interface Props {
  year: number;
  onYear: (year: number) => void;
  asOf: AsOf;
}

export function DashboardControls({ year, onYear, asOf }: Props) {
  return (
    <>
      <YearSelect value={year} onChange={onYear} />
      <AsOfPicker asOf={asOf} />
    </>
  );
}
