// 年度总结 — the year-end review (docs/DOMAIN.md § Year-end review): a closed year's results per area against its
// targets (as of 31 December), ranked, with the 先进 / 优秀 areas the task force's rule proposes. The task force
// sets the rule, changes titles by hand with a note, and confirms it — then it is frozen (or reopened, with a
// reason). Leaders read it. Printed, it is an A4 document under the issuing unit's name.

import { LockOutlined, PrinterOutlined } from "@ant-design/icons";
import type { ReviewYear, YearReview } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { reviewQuery, reviewYearsQuery } from "../../api/reviews";
import { organizationQuery } from "../../api/settings";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { useFormat } from "../../i18n/format";
import { AwardLists } from "./AwardLists";
import { ReviewActions } from "./ReviewActions";
import { ReviewPrint } from "./ReviewPrint";
import { ReviewTable } from "./ReviewTable";
import { RuleForm, RuleText } from "./RuleForm";
import "./review.css";

/** The year in ?year= when it can be reviewed, else the latest closed year (else the latest there is). */
function useReviewYear(years: readonly ReviewYear[]): [number | null, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get("year"));
  const year = years.some((entry) => entry.year === asked)
    ? asked
    : ((years.find((entry) => entry.closed) ?? years[0])?.year ?? null);
  const setYear = (next: number) =>
    setParams(
      (prev) => {
        const copy = new URLSearchParams(prev);
        copy.set("year", String(next));
        return copy;
      },
      { replace: true },
    );
  return [year, setYear];
}

export function ReviewPage() {
  const { t } = useTranslation();
  const years = useQuery(reviewYearsQuery);
  const [year, setYear] = useReviewYear(years.data ?? []);
  const review = useQuery({ ...reviewQuery(year ?? 0), enabled: year != null });

  if (years.isPending) return <PageSpinner />;
  if (years.isError) return <ErrorResult error={years.error} onRetry={() => years.refetch()} />;

  return (
    <div className="page review-page" data-testid="review-page">
      <div className="review-screen">
        <div className="page-head">
          <div>
            <Typography.Title level={1} className="page-title">
              {t("review.title")}
            </Typography.Title>
            <div className="muted review-intro">{t("review.intro")}</div>
          </div>
          {year != null && (
            <Space wrap>
              <Select
                value={year}
                onChange={setYear}
                aria-label={t("review.yearLabel")}
                data-testid="review-year"
                className="review-year"
                options={(years.data ?? []).map((entry) => ({
                  value: entry.year,
                  label: `${t("common.yearValue", { year: entry.year })} · ${t(`review.status.${entry.status}`)}`,
                }))}
              />
              <Button
                icon={<PrinterOutlined />}
                onClick={() => window.print()}
                disabled={!review.data}
                data-testid="review-print"
              >
                {t("review.print")}
              </Button>
            </Space>
          )}
        </div>
        {year == null ? (
          <Alert type="info" showIcon title={t("review.noYears")} />
        ) : review.isPending ? (
          <PageSpinner />
        ) : review.isError ? (
          <ErrorResult error={review.error} onRetry={() => review.refetch()} />
        ) : (
          <ReviewBody review={review.data} />
        )}
      </div>
      {review.data && <PrintSheet review={review.data} />}
    </div>
  );
}

/** The review on screen, top down: its state, the titled areas, the rule, the ranked table, the actions. */
function ReviewBody({ review }: { review: YearReview }) {
  const { t } = useTranslation();
  return (
    <div
      className={review.status === "confirmed" ? "review-body is-confirmed" : "review-body"}
      data-testid="review-body"
      data-year={review.year}
      data-status={review.status}
      data-version={review.version}
    >
      <ReviewState review={review} />
      <AwardLists review={review} />
      <section className="review-section" aria-labelledby="review-rule-title">
        <Typography.Title level={2} className="review-section-title" id="review-rule-title">
          {t("review.rule.title")}
        </Typography.Title>
        {review.abilities.edit ? <RuleForm review={review} /> : <RuleText rule={review.rule} />}
      </section>
      <ReviewTable review={review} />
      <ReviewActions review={review} />
    </div>
  );
}

/** Where the review stands: frozen (by whom, when), a December draft, or a secretary's own row. */
function ReviewState({ review }: { review: YearReview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <div className="review-state">
      <Space wrap>
        {review.status === "confirmed" ? (
          <Tag color="green" icon={<LockOutlined />} data-testid="review-status">
            {t("review.status.confirmed")}
          </Tag>
        ) : (
          <Tag color="orange" data-testid="review-status">
            {t("review.status.draft")}
          </Tag>
        )}
        <span className="muted" data-testid="review-as-of">
          {t("review.asOf", { date: review.asOf })}
        </span>
      </Space>
      {review.confirmed && (
        <Alert
          type="success"
          showIcon
          icon={<LockOutlined />}
          data-testid="review-confirmed"
          title={t("review.confirmedBanner", { at: fmt.dateTime(review.confirmed.at), by: review.confirmed.by })}
        />
      )}
      {!review.closed && (
        <Alert type="info" showIcon title={t("review.decemberDraft", { year: review.year, next: review.year + 1 })} />
      )}
      {review.partial && <Alert type="info" showIcon title={t("review.partial")} />}
    </div>
  );
}

/** The printed review: the organisation's name and title from the settings page (docs/DOMAIN.md § Reports). */
function PrintSheet({ review }: { review: YearReview }) {
  const organization = useQuery(organizationQuery).data;
  if (!organization) return null;
  return <ReviewPrint review={review} organization={organization} />;
}
