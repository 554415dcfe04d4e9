// One line over a page's data while it may not be current: offline (or answered from the service worker's
// cache on a weak connection), and when the data shown was fetched — "离线 · 数据更新于 14:05".

import { CloudOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useFormat } from "../i18n/format";
import { useCachedSince } from "./freshness";
import { useOnline } from "./queue";

/** `fetchedAt`: when the page's data arrived (React Query's dataUpdatedAt), if nothing older came from the cache. */
export function OfflineNotice({ fetchedAt }: { fetchedAt: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const online = useOnline();
  const cachedSince = useCachedSince();
  if (online && cachedSince === null) return null;
  const since = cachedSince ?? fetchedAt;
  return (
    <p className="offline-notice" data-testid="offline-notice" role="status">
      <CloudOutlined aria-hidden /> <strong>{online ? t("offline.slow") : t("offline.offline")}</strong>
      {since > 0 && <span> · {t("offline.dataAsOf", { time: fmt.clock(since) })}</span>}
    </p>
  );
}
