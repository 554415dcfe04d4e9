// What the review's edits share: the hand changes as the PUT sends them, and what a refused edit tells the user.

import type { AwardOverride, YearReview } from "@jiati/shared";
import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/http";
import { keys } from "../../api/keys";
import { useErrorMessage } from "../../components/useErrorMessage";

/** The review's hand changes, as saved. */
export function overridesOf(review: YearReview): AwardOverride[] {
  return review.rows.flatMap((row) =>
    row.override ? [{ areaId: row.areaId, award: row.override.award, note: row.override.note }] : [],
  );
}

/**
 * A refused edit in words. On a 409 (changed by someone else meanwhile, or confirmed), the latest review is fetched
 * so the page shows what now stands.
 */
export function useReviewErrors(year: number) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  return (error: unknown) => {
    if (isApiError(error, 409)) void queryClient.invalidateQueries({ queryKey: keys.reviews.year(year) });
    message.error(isApiError(error, 409) && error.code === "stale_version" ? t("review.stale") : errorMessage(error));
  };
}
