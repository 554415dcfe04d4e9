// One area's target letter (目标任务书) for a year, laid out as an A4 page to print and sign.

import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Empty, Space } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { lettersQuery, targetsQuery } from "../../api/targets";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { YearSelect } from "../../components/YearSelect";
import { useYear } from "../../lib/useYear";
import { LetterSheet } from "./LetterSheet";

export function LetterPage() {
  const { t } = useTranslation();
  const areaId = Number(useParams().areaId);
  const [year, setYear] = useYear("planning");
  const letters = useQuery(lettersQuery(year));
  const targets = useQuery(targetsQuery(year));

  if (letters.isPending || targets.isPending) return <PageSpinner />;
  if (letters.isError) return <ErrorResult error={letters.error} onRetry={() => letters.refetch()} />;
  if (targets.isError) return <ErrorResult error={targets.error} onRetry={() => targets.refetch()} />;
  const letter = letters.data.find((candidate) => candidate.areaId === areaId);
  if (!letter) return <Empty description={t("errors.notFoundPage")} />;

  return (
    <div className="page letter-page">
      <div className="print-toolbar no-print">
        <Link to={`/targets?tab=letters&year=${year}`}>
          <Button icon={<ArrowLeftOutlined />}>{t("letter.back")}</Button>
        </Link>
        <Space wrap>
          <YearSelect value={year} onChange={setYear} scope="planning" />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-letter">
            {t("letter.print")}
          </Button>
        </Space>
      </div>
      <LetterSheet year={year} letter={letter} targets={targets.data.areas.find((entry) => entry.areaId === areaId)} />
    </div>
  );
}
