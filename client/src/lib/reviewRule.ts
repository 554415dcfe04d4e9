// The year-end review's award rule in words (docs/DOMAIN.md § Year-end review), for the review page, its print
// and the change log.

import type { AwardRule } from "@jiati/shared";
import type { TFunction } from "i18next";

export function reviewRuleText(t: TFunction, rule: AwardRule): string {
  const stages = rule.stages.map((stage) => t(`stage.${stage}`)).join(t("review.rule.stageJoin"));
  if (rule.excellentCount === 0) return t("review.rule.textNoExcellent", { stages });
  const min = rule.excellentMinPercent == null ? "" : t("review.rule.min", { percent: rule.excellentMinPercent });
  return t("review.rule.text", { stages, count: rule.excellentCount, min });
}
