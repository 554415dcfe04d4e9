// One area's target letter (目标任务书) for a year, laid out as an A4 page to print and sign.

import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { Button, Empty, Space } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { lettersQuery, targetsQuery } from "../../api/targets";
import type { TargetLetter, TargetsResponse } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { YearSelect } from "../../components/YearSelect";
import { useFormat } from "../../i18n/format";
import { useYear } from "../../lib/useYear";

export function LetterPage() {
  const { t } = useTranslation();
  const areaId = Number(useParams().areaId);
  const [year, setYear] = useYear();
  const letters = useQuery(lettersQuery(year));
  const targets = useQuery(targetsQuery(year));

  if (letters.isPending || targets.isPending) return <PageSpinner />;
  if (letters.isError) return <ErrorResult error={letters.error} onRetry={() => letters.refetch()} />;
  if (targets.isError) return <ErrorResult error={targets.error} onRetry={() => targets.refetch()} />;
  const letter = letters.data.find((candidate) => candidate.areaId === areaId);
  if (!letter) return <Empty description={t("errors.notFoundPage")} />;
  const areaTargets = targets.data.areas.find((entry) => entry.areaId === areaId);

  return (
    <div className="page letter-page">
      <div className="print-toolbar no-print">
        <Link to={`/targets?tab=letters&year=${year}`}>
          <Button icon={<ArrowLeftOutlined />}>{t("letter.back")}</Button>
        </Link>
        <Space wrap>
          <YearSelect value={year} onChange={setYear} />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-letter">
            {t("letter.print")}
          </Button>
        </Space>
      </div>
      <article className="letter-sheet" data-testid="letter-sheet">
        <h1>{t("letter.heading", { year })}</h1>
        <p className="letter-parties">{t("letter.parties", { zone: letter.zoneName, area: letter.areaName })}</p>
        <p>{t("letter.intro", { year, area: letter.areaName })}</p>
        <LetterTargets targets={areaTargets} />
        <ol className="letter-duties">
          <li>{t("letter.dutySecretary")}</li>
          <li>{t("letter.dutyLiaison")}</li>
          <li>{t("letter.dutyLeader")}</li>
          <li>{t("letter.dutyReport")}</li>
        </ol>
        <LetterSignatures letter={letter} />
      </article>
    </div>
  );
}

/** The area's target per stage, in units (台). */
function LetterTargets({ targets }: { targets: TargetsResponse["areas"][number] | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <table className="letter-table">
      <thead>
        <tr>
          <th>{t("letter.stage")}</th>
          <th>{t("letter.target")}</th>
        </tr>
      </thead>
      <tbody>
        {RECORDED_STAGES.map((stage) => {
          const target = targets?.[stage];
          return (
            <tr key={stage} data-testid={`letter-target-${stage}`}>
              <td>{t(`stage.${stage}`)}</td>
              <td>{target == null ? "—" : t("letter.units", { count: target, value: fmt.int(target) })}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Who signs, and when; blank lines to sign on by hand where nothing was recorded. */
function LetterSignatures({ letter }: { letter: TargetLetter }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const blank = "　　　　　　";
  const lines = [
    { key: "zoneLeader", value: letter.zoneLeader },
    { key: "secretary", value: letter.secretary },
    { key: "liaison", value: letter.liaison },
    { key: "signedOn", value: letter.signedOn ? fmt.date(letter.signedOn) : "" },
  ] as const;
  return (
    <div className="letter-signatures">
      {lines.map(({ key, value }) => (
        <div key={key}>
          <span>{t(`letter.${key}`)}</span>
          <strong data-testid={`letter-${key}`}>{value || blank}</strong>
        </div>
      ))}
    </div>
  );
}
