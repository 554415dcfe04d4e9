// The ledger (台账) download: a plain link to the streamed .xlsx of the town, one zone or one area, with the
// summary sheet of the year on screen. The browser downloads it; nothing is held in the page. A link styled as
// a button, no antd: the dashboard's first screen shows it before the app has loaded.

import { useTranslation } from "react-i18next";
import { ledgerExportUrl } from "../api/ledger";
import { DownloadOutlined } from "./icons";

interface Props {
  /** One area's ledger; the town's without it (or the zone's, with `zone`). */
  area?: { id: number; name: string };
  /** One zone's ledger. */
  zone?: { id: number; name: string };
  year?: number;
}

export function ExportButton({ area, zone, year }: Props) {
  const { t } = useTranslation();
  const scope = area ?? zone;
  return (
    <a
      href={ledgerExportUrl(area ? { areaId: area.id, year } : { zoneId: zone?.id, year })}
      className="btn"
      data-testid="ledger-export"
      title={t("ledger.exportHint")}
    >
      <DownloadOutlined /> {scope ? t("ledger.exportScope", { scope: scope.name }) : t("ledger.exportTown")}
    </a>
  );
}
