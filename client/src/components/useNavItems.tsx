// The navigation each role sees. Task force: everything (accounts, change log and settings under 管理); a
// secretary: their buildings first; a leader:
// their zone first, read-only pages only.

import {
  AimOutlined,
  AlertOutlined,
  AuditOutlined,
  DashboardOutlined,
  FileTextOutlined,
  HomeOutlined,
  MobileOutlined,
  PrinterOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { homeZoneOf, readsWholeReview } from "@jiati/shared/policy";
import type { MenuProps } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SessionUser } from "../api/types";
import { hasBriefings, hasSupervisionPage } from "../lib/roles";

type Item = NonNullable<MenuProps["items"]>[number];

interface Entry {
  key: string;
  to: string;
  icon: React.ReactNode;
  label: string;
  /** Shown in a submenu of that name instead of on the bar. */
  group?: "admin";
}

export function useNavItems(user: SessionUser | null, pathname: string): { items: Item[]; selectedKey: string | null } {
  const { t } = useTranslation();
  if (!user) return { items: [], selectedKey: null };
  const entries: Entry[] = [];
  // A zone leader's list and report open on their zone (the zone chip or the back link lead to the town).
  const zoneId = homeZoneOf(user);
  const inZone = zoneId ? `?zoneId=${zoneId}` : "";
  if (user.role === "secretary" && user.areaId) {
    entries.push({ key: "mine", to: "/mine", icon: <HomeOutlined />, label: t("nav.myBuildings") });
  }
  if (user.role === "leader" && user.zoneId) {
    entries.push({ key: "myZone", to: `/zones/${user.zoneId}`, icon: <HomeOutlined />, label: t("nav.myZone") });
  }
  entries.push({ key: "dashboard", to: "/", icon: <DashboardOutlined />, label: t("nav.dashboard") });
  if (hasSupervisionPage(user)) {
    entries.push({ key: "supervision", to: "/supervision", icon: <AlertOutlined />, label: t("nav.supervision") });
  }
  entries.push({
    key: "buildings",
    to: `/buildings${inZone}`,
    icon: <UnorderedListOutlined />,
    label: t("nav.buildings"),
  });
  if (user.role === "taskforce") {
    entries.push({ key: "mine", to: "/mine", icon: <MobileOutlined />, label: t("nav.areaBuildings") });
  }
  entries.push({ key: "targets", to: "/targets", icon: <AimOutlined />, label: t("nav.targets") });
  entries.push({ key: "report", to: `/report${inZone}`, icon: <PrinterOutlined />, label: t("nav.report") });
  if (readsWholeReview(user)) {
    entries.push({ key: "review", to: "/review", icon: <TrophyOutlined />, label: t("nav.review") });
  }
  if (hasBriefings(user)) {
    entries.push({ key: "briefings", to: "/briefings", icon: <FileTextOutlined />, label: t("nav.briefings") });
  }
  if (user.role !== "leader") {
    entries.push({ key: "import", to: "/import", icon: <UploadOutlined />, label: t("nav.import") });
  }
  if (user.role === "taskforce") {
    // Accounts, the change log and the settings: rarely needed, so one 管理 group (the menu fits at 1440 px).
    const admin = "admin" as const;
    entries.push({ key: "users", to: "/users", icon: <TeamOutlined />, label: t("nav.users"), group: admin });
    entries.push({ key: "audit", to: "/audit", icon: <AuditOutlined />, label: t("nav.audit"), group: admin });
    entries.push({
      key: "settings",
      to: "/settings",
      icon: <SettingOutlined />,
      label: t("nav.settings"),
      group: admin,
    });
  }

  return { items: menuItems(entries, t("nav.admin")), selectedKey: selectedKeyOf(entries, pathname) };
}

/** The entry the page at `pathname` belongs to (the dashboard for the town, a zone or an area). */
function selectedKeyOf(entries: readonly Entry[], pathname: string): string | null {
  const pathOf = (to: string) => to.split("?")[0] ?? to;
  return (
    entries.find((entry) => entry.to !== "/" && pathname === pathOf(entry.to))?.key ??
    entries.find((entry) => entry.to !== "/" && pathname.startsWith(`${pathOf(entry.to)}/`))?.key ??
    (pathname === "/" || pathname.startsWith("/zones/") || pathname.startsWith("/areas/") ? "dashboard" : null)
  );
}

/** The menu: one link per entry, the grouped ones in a submenu where the group's first member would be. */
function menuItems(entries: readonly Entry[], adminLabel: string): Item[] {
  const itemOf = (entry: Entry): Item => ({
    key: entry.key,
    icon: entry.icon,
    label: (
      <Link to={entry.to} data-testid={`nav-${entry.key}`}>
        {entry.label}
      </Link>
    ),
  });
  const items: Item[] = [];
  for (const entry of entries) {
    if (!entry.group) {
      items.push(itemOf(entry));
    } else if (!items.some((item) => item?.key === entry.group)) {
      items.push({
        key: entry.group,
        icon: <SettingOutlined />,
        label: <span data-testid={`nav-${entry.group}`}>{adminLabel}</span>,
        children: entries.filter((member) => member.group === entry.group).map(itemOf),
      });
    }
  }
  return items;
}
