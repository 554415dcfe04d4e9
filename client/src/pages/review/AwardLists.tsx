// The titled areas of a review, by rank: 优秀居民区, then 先进居民区 — what the town announces.

import type { YearReview } from "@jiati/shared";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

export function AwardLists({ review }: { review: YearReview }) {
  const { t } = useTranslation();
  return (
    <section className="review-awards" aria-label={`${t("review.excellent")} · ${t("review.advanced")}`}>
      {(["excellent", "advanced"] as const).map((award) => (
        <div key={award} className="review-award-line" data-testid={`review-${award}`}>
          <span className="review-award-label">
            {t("review.listHead", { list: t(`review.${award}`), count: review.awards[award].length })}
          </span>
          <span className="review-award-names">
            {review.awards[award].length === 0
              ? t("review.noneAwarded")
              : review.awards[award].map((area) => (
                  <Tag key={area.areaId} color={award === "excellent" ? "gold" : "blue"} data-area-id={area.areaId}>
                    {area.name}
                  </Tag>
                ))}
          </span>
        </div>
      ))}
    </section>
  );
}
