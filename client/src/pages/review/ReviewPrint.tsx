// The review as printed (A4, no app chrome): the issuing unit and the title from the settings page (docs/DOMAIN.md
// § Reports), the day the figures stand on and whether the review is confirmed, the rule, the titled areas by name,
// then every area's results. Shown only when printing.

import type { Organization, StageResult, YearReview } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { reviewRuleText } from "../../lib/reviewRule";

export function ReviewPrint({ review, organization }: { review: YearReview; organization: Organization }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const stageText = (result: StageResult) =>
    result.target == null || result.met == null
      ? t("review.printNoTarget", { actual: fmt.int(result.actual) })
      : `${fmt.int(result.actual)}/${fmt.int(result.target)} ${fmt.percent(result.percent)} ${result.met ? "✓" : "✗"}`;
  const names = (award: "excellent" | "advanced") =>
    review.awards[award].length
      ? review.awards[award].map((area) => area.name).join(t("review.rule.stageJoin"))
      : t("review.noneAwarded");
  const town = RECORDED_STAGES.map((stage) =>
    t("review.townStage", {
      stage: t(`stage.${stage}`),
      actual: fmt.int(review.town[stage].actual),
      target: review.town[stage].target == null ? "—" : fmt.int(review.town[stage].target),
      percent: fmt.percent(review.town[stage].percent),
    }),
  ).join("　");

  return (
    <article className="review-print" data-testid="review-print">
      <header className="review-print-head">
        <div className="review-print-unit">{organization.issuingUnit}</div>
        <p className="review-print-title">
          {t("review.printTitle", { town: organization.townName, year: review.year })}
        </p>
        <div className="review-print-meta">
          {t("review.asOf", { date: review.asOf })}
          {"　"}
          {review.confirmed
            ? t("review.confirmedMark", { at: fmt.dateTime(review.confirmed.at) })
            : t("review.draftMark")}
        </div>
      </header>
      <p>
        <b>
          {t("review.rule.title")}
          {t("review.listColon")}
        </b>
        {reviewRuleText(t, review.rule)}
        {t("review.rule.untargeted")}
      </p>
      <p>{t("review.townLine", { stages: town })}</p>
      <div className="review-print-awards">
        <p>
          <b>
            {t("review.listHead", { list: t("review.excellent"), count: review.awards.excellent.length })}
            {t("review.listColon")}
          </b>
          {names("excellent")}
        </p>
        <p>
          <b>
            {t("review.listHead", { list: t("review.advanced"), count: review.awards.advanced.length })}
            {t("review.listColon")}
          </b>
          {names("advanced")}
        </p>
      </div>
      <table className="review-print-table">
        <thead>
          <tr>
            <th>{t("review.table.rank")}</th>
            <th>{t("review.table.area")}</th>
            <th>{t("review.table.zone")}</th>
            {RECORDED_STAGES.map((stage) => (
              <th key={stage}>{t(`stage.${stage}`)}</th>
            ))}
            <th>{t("review.table.result")}</th>
          </tr>
        </thead>
        <tbody>
          {review.rows.map((row) => (
            <tr key={row.areaId}>
              <td>{row.rank}</td>
              <td>{row.name}</td>
              <td>{row.zoneName}</td>
              {RECORDED_STAGES.map((stage) => (
                <td key={stage}>{stageText(row.stages[stage])}</td>
              ))}
              <td>
                {row.award ? t(`review.award.${row.award}`) : "—"}
                {row.override && t("review.printOverride", { note: row.override.note })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer className="review-print-foot">{organization.issuingUnit}</footer>
    </article>
  );
}
