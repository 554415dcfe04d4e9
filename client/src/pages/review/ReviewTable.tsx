// The review's ranked table: each area's 签约 / 开工 / 完工 against its targets — met or missed said in words and
// a symbol as well as colour — and its title: the rule's proposal, or the task force's hand change with its note.
// A card an area on a phone.

import { EditOutlined } from "@ant-design/icons";
import type { Award, ReviewRow, StageResult, YearReview } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { Button, Grid, Table, type TableColumnsType, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { OverrideSheet } from "./OverrideSheet";

export function StageCell({ result }: { result: StageResult }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (result.target == null || result.met == null) {
    return (
      <span className="review-stage">
        <span className="review-stage-count">{fmt.int(result.actual)}</span>
        <span className="muted review-stage-met">{t("review.noTarget")}</span>
      </span>
    );
  }
  return (
    <span className="review-stage">
      <span className="review-stage-count">
        {fmt.int(result.actual)} / {fmt.int(result.target)}
      </span>
      <span className={result.met ? "text-ok review-stage-met" : "text-behind review-stage-met"}>
        {fmt.percent(result.percent)} {result.met ? t("review.met") : t("review.missed")}
      </span>
    </span>
  );
}

export function AwardTag({ award }: { award: Award | null }) {
  const { t } = useTranslation();
  if (!award) return <span className="muted">—</span>;
  return <Tag color={award === "excellent" ? "gold" : "blue"}>{t(`review.award.${award}`)}</Tag>;
}

function ResultCell({ row }: { row: ReviewRow }) {
  const { t } = useTranslation();
  return (
    <div
      className="review-result"
      data-testid={`review-award-${row.areaId}`}
      data-award={row.award ?? "none"}
      data-proposed={row.proposed ?? "none"}
      data-override={row.override ? "true" : "false"}
    >
      <AwardTag award={row.award} />
      {row.override && (
        <>
          <Tag color="purple">{t("review.overridden")}</Tag>
          <div className="review-override-note">
            {row.proposed
              ? t("review.proposed", { award: t(`review.award.${row.proposed}`) })
              : t("review.proposedNone")}
            {" · "}
            {row.override.note}
          </div>
        </>
      )}
    </div>
  );
}

function AdjustButton({ row, onClick }: { row: ReviewRow; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      size="small"
      icon={<EditOutlined />}
      onClick={onClick}
      aria-label={`${t("review.adjust")} ${row.name}`}
      data-testid={`review-adjust-${row.areaId}`}
    >
      {t("review.adjust")}
    </Button>
  );
}

/** On a phone, one card an area: its rank and name, the three stages side by side, its title. */
function ReviewCards({ review, onAdjust }: { review: YearReview; onAdjust: (row: ReviewRow) => void }) {
  const { t } = useTranslation();
  return (
    <ol className="review-cards" data-testid="review-table">
      {review.rows.map((row) => (
        <li key={row.areaId} className="review-card" data-testid={`review-row-${row.areaId}`}>
          <div className="review-card-head">
            <span className="review-card-rank">{row.rank}</span>
            <span className="review-area-name">{row.name}</span>
            <span className="muted review-zone-name">{row.zoneName}</span>
          </div>
          <dl className="review-card-stages">
            {RECORDED_STAGES.map((stage) => (
              <div key={stage}>
                <dt>{t(`stage.${stage}`)}</dt>
                <dd>
                  <StageCell result={row.stages[stage]} />
                </dd>
              </div>
            ))}
          </dl>
          <div className="review-card-foot">
            <ResultCell row={row} />
            {review.abilities.edit && <AdjustButton row={row} onClick={() => onAdjust(row)} />}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function ReviewTable({ review }: { review: YearReview }) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState<ReviewRow | null>(null);
  const sheet = editing && <OverrideSheet review={review} row={editing} onClose={() => setEditing(null)} />;
  if (phone) {
    return (
      <>
        <ReviewCards review={review} onAdjust={setEditing} />
        {sheet}
      </>
    );
  }
  const columns: TableColumnsType<ReviewRow> = [
    { key: "rank", title: t("review.table.rank"), dataIndex: "rank", width: 56, align: "right" },
    {
      key: "area",
      title: t("review.table.area"),
      render: (_, row) => (
        <div>
          <div className="review-area-name">{row.name}</div>
          <div className="muted review-zone-name">{row.zoneName}</div>
        </div>
      ),
    },
    ...RECORDED_STAGES.map((stage) => ({
      key: stage,
      title: t(`stage.${stage}`),
      render: (_: unknown, row: ReviewRow) => <StageCell result={row.stages[stage]} />,
    })),
    { key: "result", title: t("review.table.result"), render: (_, row) => <ResultCell row={row} /> },
  ];
  if (review.abilities.edit) {
    columns.push({
      key: "adjust",
      title: <span className="sr-only">{t("review.adjust")}</span>,
      width: 88,
      render: (_, row) => <AdjustButton row={row} onClick={() => setEditing(row)} />,
    });
  }
  return (
    <>
      <Table<ReviewRow>
        className="review-table"
        data-testid="review-table"
        rowKey="areaId"
        size="small"
        columns={columns}
        dataSource={review.rows}
        pagination={false}
        scroll={{ x: 760 }}
        onRow={(row) => ({ "data-testid": `review-row-${row.areaId}` }) as React.HTMLAttributes<HTMLElement>}
      />
      {sheet}
    </>
  );
}
