// The ledger (台账) download: a plain link to the streamed .xlsx of the town, one zone or one area, with the
// summary sheet of the year on screen. The browser downloads it; nothing is held in the page.

import { DownloadOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { ledgerExportUrl } from "../api/ledger";

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
    <Button
      href={ledgerExportUrl(area ? { areaId: area.id, year } : { zoneId: zone?.id, year })}
      icon={<DownloadOutlined />}
      data-testid="ledger-export"
      title={t("ledger.exportHint")}
    >
      {scope ? t("ledger.exportScope", { scope: scope.name }) : t("ledger.exportTown")}
    </Button>
  );
}
