// Every area's target letter of a year in one document: the browser's Print → Save as PDF gives one A4 page
// per area, in the structure's order (zones, then areas), ready to sign and seal.

import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Empty, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { lettersQuery, targetsQuery } from "../../api/targets";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { YearSelect } from "../../components/YearSelect";
import { useYear } from "../../lib/useYear";
import { LetterSheet } from "./LetterSheet";

export function LettersPrintPage() {
  const { t } = useTranslation();
  const [year, setYear] = useYear("planning");
  const letters = useQuery(lettersQuery(year));
  const targets = useQuery(targetsQuery(year));

  if (letters.isPending || targets.isPending) return <PageSpinner />;
  if (letters.isError) return <ErrorResult error={letters.error} onRetry={() => letters.refetch()} />;
  if (targets.isError) return <ErrorResult error={targets.error} onRetry={() => targets.refetch()} />;
  const byArea = new Map(targets.data.areas.map((entry) => [entry.areaId, entry]));

  return (
    <div className="page letter-page">
      <div className="print-toolbar no-print">
        <Link to={`/targets?tab=letters&year=${year}`}>
          <Button icon={<ArrowLeftOutlined />}>{t("letter.back")}</Button>
        </Link>
        <Space wrap>
          <Typography.Text type="secondary" data-testid="letters-count">
            {t("letter.batchCount", { count: letters.data.length })}
          </Typography.Text>
          <YearSelect value={year} onChange={setYear} scope="planning" />
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            disabled={letters.data.length === 0}
            data-testid="print-letters"
          >
            {t("letter.printAll")}
          </Button>
        </Space>
      </div>
      <h1 className="sr-only no-print">{t("letter.batchTitle", { year })}</h1>
      {letters.data.length === 0 ? (
        <Empty />
      ) : (
        <div className="letter-batch" data-testid="letter-batch">
          {letters.data.map((letter) => (
            <LetterSheet
              key={letter.areaId}
              year={year}
              letter={letter}
              targets={byArea.get(letter.areaId)}
              titleAs="h2"
            />
          ))}
        </div>
      )}
    </div>
  );
}
