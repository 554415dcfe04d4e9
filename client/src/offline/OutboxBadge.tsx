// The header's reminder that changes are waiting to be sent (and that the browser is offline): a tap opens
// 我的楼栋, where they are listed.

import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CloudUploadOutlined } from "../components/icons";
import { useOnline, useOutbox } from "./queue";
import "./offline.css";

export function OutboxBadge() {
  const { t } = useTranslation();
  const items = useOutbox();
  const online = useOnline();
  if (items.length === 0 && online) return null;
  return (
    <Link
      to="/mine"
      className="outbox-badge"
      data-testid="outbox-badge"
      aria-label={items.length ? t("offline.badgeLabel", { count: items.length }) : t("offline.offline")}
    >
      {!online && <span className="outbox-badge-offline">{t("offline.offline")}</span>}
      {items.length > 0 && (
        <span className="outbox-badge-count">
          <CloudUploadOutlined aria-hidden /> {t("offline.badge", { count: items.length })}
        </span>
      )}
    </Link>
  );
}
