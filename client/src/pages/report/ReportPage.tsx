// The progress report (汇报页, /report) that leadership prints before meetings: the town's, or one zone's
// (?zoneId=; a zone leader's own by default), for a year as of a day (数据截至; a past year's is its 31 December).
// The toolbar chooses, and prints once everything has arrived (useReport); the sheet below is what prints.

import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { homeZoneOf } from "@jiati/shared/policy";
import { useQuery } from "@tanstack/react-query";
import { Button, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { sessionQuery } from "../../api/session";
import { zonesQuery } from "../../api/structure";
import { AsOfPicker } from "../../components/AsOfPicker";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { YearSelect } from "../../components/YearSelect";
import { asOfSuffix, useAsOf } from "../../lib/useAsOf";
import { useYear, yearQuery } from "../../lib/useYear";
import { ReportSheet } from "./ReportSheet";
import { reportZoneFrom, withReportZone } from "./scope";
import { useReport } from "./useReport";
import "./report.css";

export function ReportPage() {
  const { t } = useTranslation();
  const [year, setYear] = useYear();
  const [params, setParams] = useSearchParams();
  const user = useQuery(sessionQuery).data;
  const zoneId = reportZoneFrom(params, user ? homeZoneOf(user) : null);
  const asOf = useAsOf(year);
  const { summary, organization, explanations, blocked, complete } = useReport(year, zoneId, asOf.query);

  if (summary.isPending || organization.isPending) return <PageSpinner />;
  if (summary.isError) return <ErrorResult error={summary.error} onRetry={() => summary.refetch()} />;
  if (organization.isError) return <ErrorResult error={organization.error} onRetry={() => organization.refetch()} />;

  return (
    <div className="report-page">
      <div className="print-toolbar no-print">
        <Link to={`${zoneId ? `/zones/${zoneId}` : "/"}${yearQuery(year)}${asOfSuffix(asOf)}`}>
          <Button icon={<ArrowLeftOutlined />}>{t("report.back")}</Button>
        </Link>
        <Space wrap>
          <ZoneSelect
            zoneId={zoneId}
            townName={organization.data.townName}
            onChange={(next) => setParams((prev) => withReportZone(prev, next), { replace: true })}
          />
          <YearSelect value={year} onChange={setYear} />
          <AsOfPicker asOf={asOf} />
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            loading={!complete}
            data-testid="print-report"
          >
            {t("report.print")}
          </Button>
        </Space>
      </div>
      <div className={summary.isPlaceholderData ? "is-loading" : ""} aria-busy={!complete}>
        <ReportSheet
          summary={summary.data}
          organization={organization.data}
          explanations={explanations}
          blocked={blocked}
        />
      </div>
    </div>
  );
}

/** The town (by its name) or one of its zones. */
function ZoneSelect(props: { zoneId: number | null; townName: string; onChange: (zoneId: number | null) => void }) {
  const { t } = useTranslation();
  const zones = useQuery(zonesQuery);
  return (
    <Select
      value={props.zoneId ?? 0}
      onChange={(value: number) => props.onChange(value || null)}
      options={[
        { value: 0, label: props.townName },
        ...(zones.data ?? []).map((zone) => ({ value: zone.id, label: zone.name })),
      ]}
      loading={zones.isPending}
      popupMatchSelectWidth={false}
      style={{ minWidth: 120 }}
      aria-label={t("report.scope")}
      data-testid="report-zone-select"
    />
  );
}
