// A banner above every page while the service is not itself: the database away or the server unreachable
// (for everyone; reads retry by themselves and forms keep their input), or the data folder's disk low or
// full (for the task force, who can do something about it). When the database comes back, every query is
// refetched, so no figure from before stays on screen, and a short note says so. Plain (no antd): it sits
// above the login page and the dashboard's first screen.

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Health, healthQuery, isDown } from "../api/health";
import { keys } from "../api/keys";
import { sessionQuery } from "../api/session";
import { useOnline } from "../offline/queue";
import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from "./icons";

/** How long "connection restored" stays up. */
const BACK_NOTE_MS = 3_000;

export function ServiceBanner() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: health } = useQuery(healthQuery);
  // Read from the cache only: the route guards ask for the session.
  const { data: user } = useQuery({ ...sessionQuery, enabled: false });
  const down = isDown(health);
  const online = useOnline();
  const wasDown = useRef(false);
  const [back, setBack] = useState(false);

  useEffect(() => {
    if (down) wasDown.current = true;
    else if (wasDown.current && health) {
      wasDown.current = false;
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== keys.health[0] });
      setBack(true);
    }
  }, [down, health, queryClient]);

  useEffect(() => {
    if (!back) return;
    const timer = setTimeout(() => setBack(false), BACK_NOTE_MS);
    return () => clearTimeout(timer);
  }, [back]);

  const banner = bannerFor(t, online, health, user?.role === "taskforce");
  if (banner) return <Banner {...banner} />;
  if (back) {
    return (
      <div className="service-note no-print" role="status" data-testid="service-back">
        <CheckCircleFilled className="text-ok" /> {t("service.back")}
      </div>
    );
  }
  return null;
}

/** What to say, if anything: offline first, then the service down, then (to the task force) the disk. */
function bannerFor(t: TFunction, online: boolean, health: Health | undefined, taskforce: boolean): BannerProps | null {
  // Offline is not an outage: the data shown is the last fetched, and changes are queued (offline/).
  if (!online) {
    return {
      tone: "warning",
      testId: "offline-banner",
      title: t("offline.notice"),
      description: t("offline.noticeHint"),
    };
  }
  if (isDown(health)) {
    const unreachable = health?.status === "unreachable";
    return {
      tone: "error",
      testId: "service-banner",
      title: t(unreachable ? "service.serverUnreachable" : "service.databaseDown"),
      description: t(unreachable ? "service.serverUnreachableDetail" : "service.databaseDownDetail"),
    };
  }
  if (taskforce && (health?.disk === "low" || health?.disk === "full")) {
    const full = health.disk === "full";
    return {
      tone: full ? "error" : "warning",
      testId: "disk-banner",
      title: t(full ? "service.diskFull" : "service.diskLow"),
      description: t(full ? "service.diskFullDetail" : "service.diskLowDetail"),
    };
  }
  return null;
}

interface BannerProps {
  tone: "error" | "warning";
  testId: string;
  title: string;
  description: string;
}

function Banner({ tone, testId, title, description }: BannerProps) {
  return (
    <div className={`alert alert-${tone} alert-banner no-print`} role="alert" data-testid={testId}>
      {tone === "error" ? <CloseCircleFilled className="alert-icon" /> : <WarningFilled className="alert-icon" />}
      <div className="alert-content">
        <div className="alert-title">{title}</div>
        <div className="alert-description">{description}</div>
      </div>
    </div>
  );
}
