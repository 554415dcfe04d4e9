// A stage's cumulative burn-up for the year: actual so far, the even-pace plan, the target line and the
// straight-line forecast from today to the year-end figure by pace. Loaded lazily (recharts is large).
// Not animated: live updates refetch the summary often, and a chart redrawing itself each time distracts.

import type { RecordedStage, Summary } from "@jiati/shared";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { type Format, useFormat } from "../../i18n/format";
import { burnUpPoints } from "./burnUp";

interface Props {
  stage: RecordedStage;
  summary: Summary;
  height?: number;
  /** Small, static version for the printed report: no tooltip, no animation. */
  compact?: boolean;
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const TARGET_COLOR = "#cf1322";

export function BurnUpChart({ stage, summary, height = 240, compact = false }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = summary.stages[stage];
  const data = burnUpPoints(summary, stage);
  return (
    <div data-testid={`burnup-${stage}`} className="burnup">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 8, right: compact ? 8 : 16, bottom: 0, left: compact ? -24 : -12 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e5e5" />
          <XAxis
            dataKey="month"
            type="number"
            domain={[1, 12]}
            ticks={compact ? [1, 3, 5, 7, 9, 11] : MONTHS}
            tickFormatter={(month: number) => (compact ? String(month) : fmt.month(month))}
            tick={{ fontSize: compact ? 9 : 11 }}
            interval={0}
          />
          <YAxis tick={{ fontSize: compact ? 9 : 11 }} allowDecimals={false} />
          {!compact && (
            <Tooltip
              labelFormatter={(month) => fmt.month(Number(month))}
              formatter={(value, name) => [fmt.int(Math.floor(Number(value))), name]}
            />
          )}
          <Legend
            wrapperStyle={{ fontSize: compact ? 9 : 12 }}
            iconSize={compact ? 8 : 12}
            verticalAlign="bottom"
            height={compact ? 14 : 24}
          />
          {s.target != null && targetLine(s.target, compact, t, fmt)}
          <Area
            type="monotone"
            dataKey="actual"
            name={t("chart.actual")}
            stroke="#1677ff"
            fill="#1677ff"
            fillOpacity={0.15}
            strokeWidth={2}
            isAnimationActive={false}
            connectNulls={false}
          />
          {s.plan && dashedLine("plan", t("chart.plan"), "#8c8c8c", "4 4")}
          {data.some((point) => point.forecast != null) &&
            dashedLine("forecast", t("chart.forecast"), "#fa8c16", "2 3")}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The year's target as a dashed red line, labelled with its value. */
function targetLine(target: number, compact: boolean, t: TFunction, fmt: Format) {
  return (
    <ReferenceLine
      y={target}
      stroke={TARGET_COLOR}
      strokeDasharray="6 3"
      label={{
        value: t("chart.targetValue", { value: fmt.int(target) }),
        position: "insideTopLeft",
        fontSize: compact ? 9 : 11,
        fill: TARGET_COLOR,
      }}
      ifOverflow="extendDomain"
    />
  );
}

/** The plan (grey) or the forecast (orange, bolder, bridging its gaps): a dashed line without dots. */
function dashedLine(dataKey: "plan" | "forecast", name: string, stroke: string, strokeDasharray: string) {
  const forecast = dataKey === "forecast" ? { strokeWidth: 2, connectNulls: true } : {};
  return (
    <Line
      type="linear"
      dataKey={dataKey}
      name={name}
      stroke={stroke}
      strokeDasharray={strokeDasharray}
      dot={false}
      isAnimationActive={false}
      {...forecast}
    />
  );
}
