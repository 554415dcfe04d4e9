// The ledger (台账) download: a plain link to the streamed .xlsx of the town or of one area, with the
// summary sheet of the year on screen. The browser downloads it; nothing is held in the page.

import { DownloadOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { ledgerExportUrl } from "../api/ledger";

interface Props {
  /** One area's ledger; the town's without it. */
  area?: { id: number; name: string };
  year?: number;
}

export function ExportButton({ area, year }: Props) {
  const { t } = useTranslation();
  return (
    <Button
      href={ledgerExportUrl({ areaId: area?.id, year })}
      icon={<DownloadOutlined />}
      data-testid="ledger-export"
      title={t("ledger.exportHint")}
    >
      {area ? t("ledger.exportArea", { area: area.name }) : t("ledger.exportTown")}
    </Button>
  );
}
