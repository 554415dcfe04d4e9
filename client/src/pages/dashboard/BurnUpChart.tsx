// A stage's cumulative burn-up for the year: actual so far, the even-pace plan, the target line and the
// straight-line forecast from today to the year-end figure by pace. Loaded lazily (recharts is large).
// Not animated: live updates refetch the summary often, and a chart redrawing itself each time distracts.

import type { RecordedStage, Summary } from "@jiati/shared";
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
import { useFormat } from "../../i18n/format";

interface Props {
  stage: RecordedStage;
  summary: Summary;
  height?: number;
  /** Small, static version for the printed report: no tooltip, no animation. */
  compact?: boolean;
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

interface Point {
  month: number;
  actual: number | null;
  plan: number | null;
  forecast: number | null;
}

/** The chart's rows: months 1–12; the actual line stops at this month in the current year. */
export function burnUpPoints(summary: Summary, stage: RecordedStage): Point[] {
  const s = summary.stages[stage];
  const todayYear = Number(summary.today.slice(0, 4));
  const currentMonth = todayYear > summary.year ? 12 : todayYear < summary.year ? 0 : Number(summary.today.slice(5, 7));
  const forecastEnd = s.forecastPace;
  const lastActual = currentMonth > 0 ? s.cumulative[currentMonth - 1] : 0;
  return s.cumulative.map((value, index) => {
    const month = index + 1;
    const inFuture = month > currentMonth;
    let forecast: number | null = null;
    if (currentMonth < 12 && month >= currentMonth && currentMonth > 0) {
      forecast =
        Math.round((lastActual + ((forecastEnd - lastActual) * (month - currentMonth)) / (12 - currentMonth)) * 10) /
        10;
    }
    return { month, actual: inFuture ? null : value, plan: s.plan?.[index] ?? null, forecast };
  });
}

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
              formatter={(value, name) => [fmt.num(Number(value)), name]}
            />
          )}
          <Legend
            wrapperStyle={{ fontSize: compact ? 9 : 12 }}
            iconSize={compact ? 8 : 12}
            verticalAlign="bottom"
            height={compact ? 14 : 24}
          />
          {s.target != null && (
            <ReferenceLine
              y={s.target}
              stroke="#cf1322"
              strokeDasharray="6 3"
              label={{
                value: t("chart.targetValue", { value: fmt.int(s.target) }),
                position: "insideTopLeft",
                fontSize: compact ? 9 : 11,
                fill: "#cf1322",
              }}
              ifOverflow="extendDomain"
            />
          )}
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
          {s.plan && (
            <Line
              type="linear"
              dataKey="plan"
              name={t("chart.plan")}
              stroke="#8c8c8c"
              strokeDasharray="4 4"
              dot={false}
              isAnimationActive={false}
            />
          )}
          {data.some((point) => point.forecast != null) && (
            <Line
              type="linear"
              dataKey="forecast"
              name={t("chart.forecast")}
              stroke="#fa8c16"
              strokeDasharray="2 3"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
