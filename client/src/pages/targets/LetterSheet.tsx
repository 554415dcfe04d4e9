// One area's target letter (目标任务书) for a year as an A4 sheet: the targets, the duties, and a signature
// block for each of the three who sign — 责任区领导, 居民区书记, 机关联络员 — with a line to sign and seal and a
// date line, names and date filled in where recorded. Shared by the single letter and the batch print.

import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useTranslation } from "react-i18next";
import type { TargetLetter, TargetsResponse } from "../../api/types";
import { useFormat } from "../../i18n/format";

type AreaTargets = TargetsResponse["areas"][number] | undefined;

interface Props {
  year: number;
  letter: TargetLetter;
  targets: AreaTargets;
  /** The sheet's title: the page's heading (one letter), or one of many under the page's (the batch). */
  titleAs?: "h1" | "h2";
}

export function LetterSheet({ year, letter, targets, titleAs: Title = "h1" }: Props) {
  const { t } = useTranslation();
  return (
    <article className="letter-sheet" data-testid="letter-sheet" data-area={letter.areaId}>
      <Title className="letter-title">{t("letter.heading", { year })}</Title>
      <p className="letter-parties">{t("letter.parties", { zone: letter.zoneName, area: letter.areaName })}</p>
      <p>{t("letter.intro", { year, area: letter.areaName })}</p>
      <LetterTargets targets={targets} />
      <ol className="letter-duties">
        <li>{t("letter.dutySecretary")}</li>
        <li>{t("letter.dutyLiaison")}</li>
        <li>{t("letter.dutyLeader")}</li>
        <li>{t("letter.dutyReport")}</li>
      </ol>
      <LetterSignatures letter={letter} />
    </article>
  );
}

/** The area's target per stage, in units (台). */
function LetterTargets({ targets }: { targets: AreaTargets }) {
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

const SIGNATORIES = ["zoneLeader", "secretary", "liaison"] as const;

/** Per signatory: the role, the name (a blank line when none is recorded), 签字（盖章）, and the date. */
function LetterSignatures({ letter }: { letter: TargetLetter }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const date = letter.signedOn ? fmt.date(letter.signedOn) : t("letter.dateBlank");
  return (
    <section className="letter-signatures" aria-label={t("letter.signatures")}>
      {SIGNATORIES.map((key) => (
        <div key={key} className="letter-signatory" data-testid={`letter-signatory-${key}`}>
          <div className="letter-signatory-role">{t(`letter.${key}`)}</div>
          <div className="letter-line">
            <span>{t("letter.name")}</span>
            <strong data-testid={`letter-${key}`}>{letter[key]}</strong>
          </div>
          <div className="letter-line letter-line-sign">
            <span>{t("letter.signSeal")}</span>
            <span />
          </div>
          <div className="letter-line">
            <span>{t("letter.date")}</span>
            <span>{date}</span>
          </div>
        </div>
      ))}
    </section>
  );
}
