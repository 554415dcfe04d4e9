// The dashboard's first screen (and the login page) as the server renders them into the page
// (docs/ARCHITECTURE.md § The first screen): which figures a dashboard URL asks for, and the data the page
// carries so the client starts from it.
// Types only: the rendering is the client's own code (client/src/ssr.tsx), run by the server.

import type { SessionUser } from "./responses";
import type { Summary } from "./summary";
import type { AreaStatus } from "./supervision";

/** The figures a dashboard URL shows: GET /api/summary's year, zoneId and asOf (null: today's live figures). */
export interface DashboardQuery {
  year: number;
  zoneId: number | null;
  asOf: string | null;
}

/** What the page carries for the client's cache: the answers of /api/session, /api/summary and /api/area-statuses. */
export interface FirstScreenData {
  query: DashboardQuery;
  user: SessionUser;
  summary: Summary;
  statuses: AreaStatus[];
  language: "zh" | "en";
  /** The server's change count when the figures were read: the change stream says whether any came since. */
  since: string;
}

/** What goes into the page's root element, and the data elements (the data, the UI's texts) after it. */
export interface RenderedPage {
  markup: string;
  dataElement: string;
}

/** The server-side renderer built from the client (client/dist-ssr/ssr.js). */
export interface FirstScreenRenderer {
  /** The figures `pathname` + `search` asks for on `today`, or null when it is not a dashboard URL. */
  dashboardQuery(pathname: string, search: string, today: string): DashboardQuery | null;
  /** The markup of the frame and the first screen for the page's root element, and the data elements to follow it. */
  render(data: FirstScreenData, url: string): RenderedPage;
  /** The login page's, or null when `pathname` is not the login page's. */
  login(pathname: string, language: "zh" | "en"): RenderedPage | null;
}
