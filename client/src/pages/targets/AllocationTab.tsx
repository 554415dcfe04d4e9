// The year's town targets per stage and their allocation to areas, editable by the task force. The sum
// of the areas is shown against the town target and flagged when they differ.

import type { RecordedStage } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { Alert, Button, Card, Empty, InputNumber, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import type { AreaWithCounts } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { useFormat } from "../../i18n/format";
import { areaSums, type Draft, TOWN, targetIn, unbalancedStages } from "./allocation";
import { useTargetDraft } from "./useTargetDraft";

interface Props {
  year: number;
  editable: boolean;
}

export function AllocationTab({ year, editable }: Props) {
  const { t } = useTranslation();
  const allocation = useTargetDraft(year);
  const { targets, areas, draft, changes } = allocation;

  if (targets.isPending || areas.isPending) return <PageSpinner />;
  if (targets.isError) return <ErrorResult error={targets.error} onRetry={() => targets.refetch()} />;
  if (areas.isError) return <ErrorResult error={areas.error} onRetry={() => areas.refetch()} />;
  const areaIds = areas.data.map((area) => area.id);
  const unbalanced = unbalancedStages(draft, areaIds);
  const names = new Map(areas.data.map((area) => [String(area.id), area.name]));
  const cell = (key: string, stage: RecordedStage) => (
    <TargetCell
      draftKey={key}
      label={key === TOWN ? t("dashboard.town") : (names.get(key) ?? key)}
      stage={stage}
      draft={draft}
      editable={editable}
      onChange={allocation.set}
    />
  );

  return (
    <div data-testid="allocation">
      <Card size="small" title={t("targets.townTitle", { year })} className="section-first">
        <Space wrap size={24}>
          {RECORDED_STAGES.map((stage) => (
            <div key={stage} className="town-target">
              <Typography.Text type="secondary">{t(`stage.${stage}`)}</Typography.Text>
              <div className="town-target-value">{cell(TOWN, stage)}</div>
            </div>
          ))}
        </Space>
      </Card>
      {unbalanced.length > 0 && <UnbalancedAlert stages={unbalanced} draft={draft} areaIds={areaIds} />}
      <Card
        size="small"
        className="section"
        title={t("targets.areasTitle")}
        extra={
          editable && (
            <SaveBar
              unsaved={changes.length}
              saving={allocation.saving}
              onDiscard={allocation.discard}
              onSave={allocation.save}
            />
          )
        }
      >
        {areas.data.length === 0 ? (
          <Empty />
        ) : (
          <AreaTargetsTable areas={areas.data} draft={draft} unbalanced={unbalanced} cell={cell} />
        )}
      </Card>
    </div>
  );
}

interface CellProps {
  draftKey: string;
  /** Whose target it is, by name (the town, or the area): what a screen reader announces with the stage. */
  label: string;
  stage: RecordedStage;
  draft: Draft;
  editable: boolean;
  onChange: (key: string, stage: RecordedStage, value: number | null) => void;
}

/** One target: a number field for the task force, the figure for everyone else. */
function TargetCell({ draftKey, label, stage, draft, editable, onChange }: CellProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const value = targetIn(draft, draftKey, stage);
  if (!editable) return <span data-testid={`target-${draftKey}-${stage}`}>{fmt.int(value)}</span>;
  return (
    <InputNumber
      min={0}
      max={1_000_000}
      precision={0}
      value={value}
      onChange={(next) => onChange(draftKey, stage, next == null ? null : Number(next))}
      style={{ width: "100%", maxWidth: 110 }}
      aria-label={`${label} ${t(`stage.${stage}`)}`}
      data-testid={`target-${draftKey}-${stage}`}
    />
  );
}

function UnbalancedAlert({ stages, draft, areaIds }: { stages: RecordedStage[]; draft: Draft; areaIds: number[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sums = areaSums(draft, areaIds);
  return (
    <Alert
      type="warning"
      showIcon
      className="section"
      data-testid="allocation-unbalanced"
      title={t("allocation.banner")}
      description={stages
        .map((stage) =>
          t("allocation.stageLine", {
            stage: t(`stage.${stage}`),
            town: fmt.int(targetIn(draft, TOWN, stage)),
            sum: fmt.int(sums[stage]),
          }),
        )
        .join("；")}
    />
  );
}

interface SaveBarProps {
  unsaved: number;
  saving: boolean;
  onDiscard: () => void;
  onSave: () => void;
}

function SaveBar({ unsaved, saving, onDiscard, onSave }: SaveBarProps) {
  const { t } = useTranslation();
  return (
    <Space>
      {unsaved > 0 && <Tag color="processing">{t("targets.unsaved", { count: unsaved })}</Tag>}
      <Button disabled={!unsaved} onClick={onDiscard}>
        {t("targets.discard")}
      </Button>
      <Button type="primary" disabled={!unsaved} loading={saving} onClick={onSave} data-testid="targets-save">
        {t("common.save")}
      </Button>
    </Space>
  );
}

interface TableProps {
  areas: AreaWithCounts[];
  draft: Draft;
  unbalanced: RecordedStage[];
  cell: (key: string, stage: RecordedStage) => React.ReactNode;
}

/** Each area's targets, with the areas' sum beneath (against the town's where they differ). */
function AreaTargetsTable({ areas, draft, unbalanced, cell }: TableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sums = areaSums(
    draft,
    areas.map((area) => area.id),
  );
  const columns: ColumnsType<AreaWithCounts> = [
    { key: "zone", title: t("ranking.zone"), dataIndex: "zoneName", width: 110 },
    { key: "area", title: t("ranking.area"), dataIndex: "name", width: 120 },
    ...RECORDED_STAGES.map((stage) => ({
      key: stage,
      title: t(`stage.${stage}`),
      width: 130,
      render: (_: unknown, area: AreaWithCounts) => cell(String(area.id), stage),
    })),
  ];
  return (
    <Table<AreaWithCounts>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={areas}
      pagination={false}
      scroll={{ x: 560 }}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <strong>{t("targets.areaSum")}</strong>
            </Table.Summary.Cell>
            {RECORDED_STAGES.map((stage, index) => (
              <Table.Summary.Cell key={stage} index={index + 2}>
                <span className={unbalanced.includes(stage) ? "text-behind" : ""} data-testid={`target-sum-${stage}`}>
                  <strong>{fmt.int(sums[stage])}</strong>
                  {unbalanced.includes(stage) && ` ≠ ${fmt.int(targetIn(draft, TOWN, stage))}`}
                </span>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
