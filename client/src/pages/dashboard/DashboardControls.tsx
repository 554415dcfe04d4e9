// The dashboard's year and 数据截至 day (antd: a dropdown and a calendar), loaded after the first screen's
// figures; until then ControlsPlaceholder holds their place at their size. Asked for by a tap on a placeholder
// (a phone), the control tapped opens as soon as it is here.

import { useEffect, useRef } from "react";
import { AsOfPicker } from "../../components/AsOfPicker";
import { YearSelect } from "../../components/YearSelect";
import type { AsOf } from "../../lib/useAsOf";
import type { DashboardControl } from "./first/DashboardTop";

interface Props {
  year: number;
  onYear: (year: number) => void;
  asOf: AsOf;
  /** The control to open once it has loaded. */
  open?: DashboardControl | null;
}

const OPENERS: Record<DashboardControl, string> = {
  year: '[data-testid="year-select"]',
  asOf: 'input[data-testid="as-of-picker"], [data-testid="as-of-picker"] input',
};

/** How long to wait for the calendar (a chunk of its own) before giving up opening it. */
const OPEN_WAIT_MS = 10_000;

export function DashboardControls({ year, onYear, asOf, open }: Props) {
  const slot = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const started = performance.now();
    let frame = 0;
    const tryOpen = () => {
      const control = slot.current?.querySelector<HTMLElement>(OPENERS[open]);
      if (control) {
        control.focus();
        control.click();
      } else if (performance.now() - started < OPEN_WAIT_MS) frame = requestAnimationFrame(tryOpen);
    };
    tryOpen();
    return () => cancelAnimationFrame(frame);
  }, [open]);
  return (
    <span ref={slot} className="controls-slot">
      <YearSelect value={year} onChange={onYear} />
      <AsOfPicker asOf={asOf} />
    </span>
  );
}
