// The year-end review (年度总结, docs/DOMAIN.md § Year-end review): the years that can be reviewed, one year's
// review, and its edits — each sent with the version it was made on (If-Match), so a concurrent edit is a 409.

import type { PutReviewInput, ReopenReview, ReviewYear, YearReview } from "@jiati/shared";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "./http";
import { useInvalidateFor } from "./invalidation";
import { keys } from "./keys";

export const reviewYearsQuery = queryOptions({
  queryKey: keys.reviews.years,
  queryFn: () => request<ReviewYear[]>("/reviews"),
});

export const reviewQuery = (year: number) =>
  queryOptions({
    queryKey: keys.reviews.year(year),
    queryFn: ({ signal }) => request<YearReview>(`/reviews/${year}`, { signal }),
  });

/** A review edit: the answer (the review as it now is) goes into the cache, then every review query refetches. */
function useReviewEdit<T>(year: number, send: (input: T & { version: number }) => Promise<YearReview>) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateFor();
  return useMutation({
    mutationFn: send,
    onSuccess: (review) => {
      queryClient.setQueryData(keys.reviews.year(year), review);
      return invalidate({ kind: "review" });
    },
  });
}

export const useSaveReview = (year: number) =>
  useReviewEdit<{ input: PutReviewInput }>(year, ({ input, version }) =>
    request<YearReview>(`/reviews/${year}`, { method: "PUT", body: input, version }),
  );

export const useConfirmReview = (year: number) =>
  useReviewEdit<object>(year, ({ version }) =>
    request<YearReview>(`/reviews/${year}/confirm`, { method: "POST", version }),
  );

export const useReopenReview = (year: number) =>
  useReviewEdit<{ input: ReopenReview }>(year, ({ input, version }) =>
    request<YearReview>(`/reviews/${year}/reopen`, { method: "POST", body: input, version }),
  );
