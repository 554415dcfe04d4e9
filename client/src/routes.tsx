// The client's routes. Every page is its own chunk (React.lazy), so the login page and the dashboard
// load only what they show; charts are split further inside the pages.

import type { QueryClient } from "@tanstack/react-query";
import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import { createBrowserRouter } from "react-router";
import { sessionQuery } from "./api/session";
import { summaryQuery } from "./api/summary";
import { PageSpinner } from "./components/PageSpinner";
import { RequireAuth, RequireRole } from "./components/RequireAuth";
import { RouteError } from "./components/RouteError";
import { asOfQueryFrom } from "./lib/useAsOf";
import { yearFrom } from "./lib/useYear";

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

// The module loaders of the first screen, callable ahead of rendering (a module is fetched only once).
const loadLogin = () => import("./pages/login/LoginPage");
const loadLayout = () => import("./components/AppLayout");
const loadDashboard = () => import("./pages/dashboard/DashboardPage");

const LoginPage = page(loadLogin, "LoginPage");
const AppLayout = page(loadLayout, "AppLayout");
const DashboardPage = page(loadDashboard, "DashboardPage");
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

const suspended = (node: ReactNode) => <Suspense fallback={<PageSpinner />}>{node}</Suspense>;
const taskforceOnly = (node: ReactNode) => <RequireRole roles={["taskforce"]}>{node}</RequireRole>;
const editors = (node: ReactNode) => <RequireRole roles={["taskforce", "secretary"]}>{node}</RequireRole>;
// Those who follow blockers across areas (shared policy: followsSupervision).
const supervisors = (node: ReactNode) => <RequireRole roles={["taskforce", "leader"]}>{node}</RequireRole>;
// Those who read the whole year-end review (shared policy: readsWholeReview).
const reviewers = (node: ReactNode) => <RequireRole roles={["taskforce", "leader"]}>{node}</RequireRole>;
// Those who read briefings (shared policy: readsBriefings).
const briefingReaders = (node: ReactNode) => <RequireRole roles={["taskforce", "leader"]}>{node}</RequireRole>;

export const router = createBrowserRouter([
  { path: "/login", element: suspended(<LoginPage />), errorElement: <RouteError /> },
  {
    path: "/",
    element: <RequireAuth>{suspended(<AppLayout />)}</RequireAuth>,
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
 * Starts at once what the first screen needs: the session, the layout's and the page's code and, on the
 * dashboard, its figures. Left to the components, each would start only once the one before had rendered —
 * session, then layout, then page, then data — one network round trip after another.
 */
export function preloadFirstScreen(queryClient: QueryClient): void {
  const { pathname, search } = window.location;
  if (pathname === "/login") {
    void loadLogin();
    return;
  }
  void queryClient.prefetchQuery(sessionQuery);
  void loadLayout();
  const zone = /^\/zones\/(\d+)$/.exec(pathname);
  if (pathname === "/" || zone) {
    void loadDashboard();
    const params = new URLSearchParams(search);
    const year = yearFrom(params);
    const asOf = asOfQueryFrom(params.get("asOf"), year);
    void queryClient.prefetchQuery(summaryQuery(year, zone ? Number(zone[1]) : null, asOf));
  }
}
