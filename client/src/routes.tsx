// The client's routes. Every page is its own chunk (React.lazy, with antd's settings: lazyWithAntd) except the
// three of a first visit — the login page, the frame and the dashboard — which come with the app's first script,
// render without antd and load their antd parts themselves, after their first paint. Being in the first script,
// they render at once when the app takes over the page the server rendered: no lazy module to wait for, so no
// spinner in between (docs/ARCHITECTURE.md § The first screen).

import { hashKey, type QueryClient } from "@tanstack/react-query";
import type { ComponentType, ReactNode } from "react";
import { createBrowserRouter } from "react-router";
import { sessionQuery } from "./api/session";
import { summaryQuery } from "./api/summary";
import { areaStatusesQuery } from "./api/supervision";
import { AppLayout } from "./components/AppLayout";
import { lazyWithAntd } from "./components/lazyWithAntd";
import { RequireAuth, RequireRole } from "./components/RequireAuth";
import { RouteError } from "./components/RouteError";
import { firstScreenData, servedWithPage } from "./firstScreen";
import { rememberSession } from "./offline/lastSession";
import { DashboardPage } from "./pages/dashboard/DashboardPage";
import { dashboardQuery } from "./pages/dashboard/first/query";
import { LoginPage } from "./pages/login/LoginPage";

/** A page that uses antd. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazyWithAntd(load, name);
}

const AreaPage = page(() => import("./pages/area/AreaPage"), "AreaPage");
const BuildingsPage = page(() => import("./pages/buildings/BuildingsPage"), "BuildingsPage");
const BuildingPage = page(() => import("./pages/building/BuildingPage"), "BuildingPage");
const MinePage = page(() => import("./pages/mine/MinePage"), "MinePage");
const ImportPage = page(() => import("./pages/import/ImportPage"), "ImportPage");
const TargetsPage = page(() => import("./pages/targets/TargetsPage"), "TargetsPage");
const LetterPage = page(() => import("./pages/targets/LetterPage"), "LetterPage");
const LettersPrintPage = page(() => import("./pages/targets/LettersPrintPage"), "LettersPrintPage");
const ReportPage = page(() => import("./pages/report/ReportPage"), "ReportPage");
const UsersPage = page(() => import("./pages/users/UsersPage"), "UsersPage");
const AuditPage = page(() => import("./pages/audit/AuditPage"), "AuditPage");
const SupervisionPage = page(() => import("./pages/supervision/SupervisionPage"), "SupervisionPage");
const ReviewPage = page(() => import("./pages/review/ReviewPage"), "ReviewPage");
const BriefingsPage = page(() => import("./pages/briefings/BriefingsPage"), "BriefingsPage");
const BriefingPage = page(() => import("./pages/briefings/BriefingPage"), "BriefingPage");
const SettingsPage = page(() => import("./pages/settings/SettingsPage"), "SettingsPage");
const NotFoundPage = page(() => import("./components/NotFoundPage"), "NotFoundPage");

const taskforceOnly = (node: ReactNode) => <RequireRole roles={["taskforce"]}>{node}</RequireRole>;
const editors = (node: ReactNode) => <RequireRole roles={["taskforce", "secretary"]}>{node}</RequireRole>;
// Those who follow blockers across areas (shared policy: followsSupervision).
const supervisors = (node: ReactNode) => <RequireRole roles={["taskforce", "leader"]}>{node}</RequireRole>;
// Those who read the whole year-end review (shared policy: readsWholeReview).
const reviewers = (node: ReactNode) => <RequireRole roles={["taskforce", "leader"]}>{node}</RequireRole>;
// Those who read briefings (shared policy: readsBriefings).
const briefingReaders = (node: ReactNode) => <RequireRole roles={["taskforce", "leader"]}>{node}</RequireRole>;

let router: ReturnType<typeof createBrowserRouter> | undefined;

/**
 * The app's router, made when the app first renders rather than as its script is evaluated: making it (matching
 * the address, reading history) would lengthen the one long task in which the browser evaluates the whole first
 * script.
 */
export function appRouter(): ReturnType<typeof createBrowserRouter> {
  router ??= createRouter();
  return router;
}

const createRouter = () =>
  createBrowserRouter([
    { path: "/login", element: <LoginPage />, errorElement: <RouteError /> },
    {
      path: "/",
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      errorElement: <RouteError />,
      children: [
        { index: true, element: <DashboardPage /> },
        { path: "zones/:zoneId", element: <DashboardPage /> },
        { path: "areas/:areaId", element: <AreaPage /> },
        { path: "mine", element: editors(<MinePage />) },
        { path: "import", element: editors(<ImportPage />) },
        { path: "buildings", element: <BuildingsPage /> },
        { path: "buildings/:buildingId", element: <BuildingPage /> },
        { path: "targets", element: <TargetsPage /> },
        { path: "targets/letters/print", element: <LettersPrintPage /> },
        { path: "targets/letters/:areaId", element: <LetterPage /> },
        { path: "report", element: <ReportPage /> },
        { path: "supervision", element: supervisors(<SupervisionPage />) },
        { path: "review", element: reviewers(<ReviewPage />) },
        { path: "briefings", element: briefingReaders(<BriefingsPage />) },
        { path: "briefings/:briefingId", element: briefingReaders(<BriefingPage />) },
        { path: "users", element: taskforceOnly(<UsersPage />) },
        { path: "audit", element: taskforceOnly(<AuditPage />) },
        { path: "settings", element: taskforceOnly(<SettingsPage />) },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);

/**
 * Starts at once what the first screen needs: the session and, on the dashboard, its figures. Left to the
 * components, each would start only once the one before had rendered. When the server sent the dashboard's first
 * screen with the page, its data fills the cache instead: nothing is fetched twice.
 */
export function preloadFirstScreen(queryClient: QueryClient): void {
  const { pathname, search } = window.location;
  if (pathname === "/login") return;
  const served = firstScreenData();
  if (served) {
    queryClient.setQueryData(sessionQuery.queryKey, served.user);
    rememberSession(served.user);
    const { year, zoneId, asOf } = served.query;
    queryClient.setQueryData(summaryQuery(year, zoneId, asOf).queryKey, served.summary);
    queryClient.setQueryData(areaStatusesQuery(zoneId).queryKey, served.statuses);
    for (const key of [
      sessionQuery.queryKey,
      summaryQuery(year, zoneId, asOf).queryKey,
      areaStatusesQuery(zoneId).queryKey,
    ]) {
      servedWithPage.add(hashKey(key));
    }
  } else {
    void queryClient.prefetchQuery(sessionQuery);
  }
  const dashboard = dashboardQuery(pathname, search);
  if (dashboard) void queryClient.prefetchQuery(summaryQuery(dashboard.year, dashboard.zoneId, dashboard.asOf));
}
