// The year at a glance, for the whole town (/) or one zone (/zones/:zoneId). The first screen answers "are we
// on track, who is behind, and why": the three stages against target and time, then the zones or areas behind
// plan with their reasons (first/DashboardTop, plain — the server renders the same into the page). Below, loaded
// after the figures: forecasts, burn-up charts, the funnel, what is new, what is stuck, and the zones and areas
// compared. Every figure links to the buildings it counts.

import type { Summary } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, Suspense, useState } from "react";
import { useParams } from "react-router";
import { summaryQuery } from "../../api/summary";
import { areaStatusesQuery } from "../../api/supervision";
import { ErrorResult } from "../../components/ErrorResult";
import { lazyWithAntd } from "../../components/lazyWithAntd";
import { PageSpinner } from "../../components/PageSpinner";
import { type AsOf, useAsOf } from "../../lib/useAsOf";
import { useMediaQuery, WIDE_SCREEN } from "../../lib/useMediaQuery";
import { useNearScreen } from "../../lib/useNearScreen";
import { useYear } from "../../lib/useYear";
import { BelowPlaceholder, ControlsPlaceholder, type DashboardControl, DashboardTop } from "./first/DashboardTop";

const DashboardControls = lazyWithAntd(() => import("./DashboardControls"), "DashboardControls");
const DashboardMore = lazyWithAntd(() => import("./DashboardMore"), "DashboardMore");

export function DashboardPage() {
  const params = useParams();
  const zoneId = params.zoneId ? Number(params.zoneId) : null;
  const [year, setYear] = useYear();
  const asOf = useAsOf(year, "today");
  const summary = useQuery(summaryQuery(year, zoneId, asOf.query));
  const statuses = useQuery(areaStatusesQuery(zoneId));

  if (summary.isPending) return <PageSpinner />;
  if (summary.isError) return <ErrorResult error={summary.error} onRetry={() => summary.refetch()} />;
  const data = summary.data;
  // Until the chosen year arrives, the last one stays on screen, dimmed and marked busy.
  const loading = summary.isPlaceholderData;

  return (
    <div
      className={`page ${loading ? "is-loading" : ""}`}
      data-testid="dashboard"
      data-year={data.year}
      aria-busy={loading}
    >
      <DashboardTop
        summary={data}
        statuses={statuses.data ?? []}
        asOf={asOf.query}
        controls={<Controls summary={data} year={year} onYear={setYear} asOf={asOf} />}
      />
      <Below>
        <DashboardMore summary={data} zoneId={zoneId} year={year} />
      </Below>
    </div>
  );
}

interface ControlsProps {
  summary: Summary;
  year: number;
  onYear: (year: number) => void;
  asOf: AsOf;
}

/**
 * The year and the 数据截至 day: on a wide screen loaded with the page; on a phone when a placeholder is first
 * tapped (that control then opens) — antd's weight is not a phone's first load.
 */
function Controls({ summary, ...props }: ControlsProps) {
  const wide = useMediaQuery(WIDE_SCREEN);
  const [wanted, setWanted] = useState<DashboardControl | null>(null);
  if (!wide && !wanted) return <ControlsPlaceholder summary={summary} onChoose={setWanted} />;
  return (
    <Suspense fallback={<ControlsPlaceholder summary={summary} />}>
      <DashboardControls {...props} open={wanted} />
    </Suspense>
  );
}

/** What follows the first screen: on a wide screen loaded with the page; on a phone when scrolled near. */
function Below({ children }: { children: ReactNode }) {
  const wide = useMediaQuery(WIDE_SCREEN);
  const [near, ref] = useNearScreen<HTMLDivElement>();
  if (!wide && !near) return <BelowPlaceholder ref={ref} />;
  return <Suspense fallback={<BelowPlaceholder />}>{children}</Suspense>;
}
