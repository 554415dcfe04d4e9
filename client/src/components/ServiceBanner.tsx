// A banner above every page while the service is not itself: the database away or the server unreachable
// (for everyone; reads retry by themselves and forms keep their input), or the data folder's disk low or
// full (for the task force, who can do something about it). When the database comes back, every query is
// refetched, so no figure from before stays on screen.

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { healthQuery, isDown } from "../api/health";
import { keys } from "../api/keys";
import { sessionQuery } from "../api/session";
import { useOnline } from "../offline/queue";

export function ServiceBanner() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data: health } = useQuery(healthQuery);
  // Read from the cache only: the route guards ask for the session.
  const { data: user } = useQuery({ ...sessionQuery, enabled: false });
  const down = isDown(health);
  const online = useOnline();
  const wasDown = useRef(false);

  useEffect(() => {
    if (down) wasDown.current = true;
    else if (wasDown.current && health) {
      wasDown.current = false;
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== keys.health[0] });
      void message.success(t("service.back"));
    }
  }, [down, health, queryClient, message, t]);

  // Offline is not an outage: the data shown is the last fetched, and changes are queued (offline/).
  if (!online) {
    return (
      <Alert
        banner
        type="warning"
        className="no-print"
        data-testid="offline-banner"
        message={t("offline.notice")}
        description={t("offline.noticeHint")}
      />
    );
  }
  if (down) {
    const unreachable = health?.status === "unreachable";
    return (
      <Alert
        banner
        type="error"
        className="no-print"
        data-testid="service-banner"
        message={t(unreachable ? "service.serverUnreachable" : "service.databaseDown")}
        description={t(unreachable ? "service.serverUnreachableDetail" : "service.databaseDownDetail")}
      />
    );
  }
  if (user?.role === "taskforce" && (health?.disk === "low" || health?.disk === "full")) {
    const full = health.disk === "full";
    return (
      <Alert
        banner
        type={full ? "error" : "warning"}
        className="no-print"
        data-testid="disk-banner"
        message={t(full ? "service.diskFull" : "service.diskLow")}
        description={t(full ? "service.diskFullDetail" : "service.diskLowDetail")}
      />
    );
  }
  return null;
}
