// The year's town targets per stage and their allocation to areas, editable by the task force. The sum
// of the areas is shown against the town target and flagged when they differ. The task force can fill the
// draft from last year or distribute a town figure by a rule; the save bar stays in view with the number of
// unsaved changes, and leaving with unsaved changes (another page, another year, closing the tab) asks first.

import { CopyOutlined, PartitionOutlined } from "@ant-design/icons";
import type { RecordedStage } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { Alert, App, Button, Card, Empty, InputNumber, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Location } from "react-router";
import type { AreaWithCounts } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { LeaveGuard } from "../../components/LeaveGuard";
import { PageSpinner } from "../../components/PageSpinner";
import { useFormat } from "../../i18n/format";
import { areaSums, type Draft, TOWN, targetIn, unbalancedStages } from "./allocation";
import { DistributeSheet } from "./DistributeSheet";
import { useTargetDraft } from "./useTargetDraft";

/** Another page, or another year of this one, leaves the draft behind; another tab of the page keeps it. */
const leavesDraft = (current: Location, next: Location) =>
  current.pathname !== next.pathname ||
  new URLSearchParams(current.search).get("year") !== new URLSearchParams(next.search).get("year");

interface Props {
  year: number;
  editable: boolean;
}

export function AllocationTab({ year, editable }: Props) {
  const { t } = useTranslation();
  const allocation = useTargetDraft(year, editable);
  const { targets, areas, draft, changes } = allocation;
  const [distributing, setDistributing] = useState(false);

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
    <div data-testid="allocation" className="allocation">
      <LeaveGuard when={changes.length > 0} count={changes.length} leaves={leavesDraft} />
      {editable && <DraftActions year={year} allocation={allocation} onDistribute={() => setDistributing(true)} />}
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
      <Card size="small" className="section" title={t("targets.areasTitle")}>
        {areas.data.length === 0 ? (
          <Empty />
        ) : (
          <AreaTargetsTable areas={areas.data} draft={draft} unbalanced={unbalanced} cell={cell} />
        )}
      </Card>
      {editable && (
        <SaveBar
          unsaved={changes.length}
          saving={allocation.saving}
          onDiscard={allocation.discard}
          onSave={allocation.save}
        />
      )}
      {distributing && (
        <DistributeSheet
          year={year}
          areas={areas.data}
          draft={draft}
          previous={allocation.previous.data}
          onApply={(distributions) => allocation.distribute(distributions)}
          onClose={() => setDistributing(false)}
        />
      )}
    </div>
  );
}

interface DraftActionsProps {
  year: number;
  allocation: ReturnType<typeof useTargetDraft>;
  onDistribute: () => void;
}

/** 复制上一年 and 按规则分解: both fill the draft only; nothing is written until it is saved. */
function DraftActions({ year, allocation, onDistribute }: DraftActionsProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const copy = () => {
    if (allocation.copyLastYear()) message.success(t("targets.copied", { year: year - 1 }));
    else message.info(t("targets.nothingToCopy", { year: year - 1 }));
  };
  const confirmCopy = () => {
    if (allocation.changes.length === 0) return copy();
    modal.confirm({
      title: t("targets.copyOverTitle", { year: year - 1 }),
      content: t("targets.copyOverBody", { count: allocation.changes.length }),
      okText: t("targets.copyConfirm", { year: year - 1 }),
      cancelText: t("common.cancel"),
      onOk: copy,
    });
  };
  return (
    <Space wrap className="draft-actions">
      <Button
        icon={<CopyOutlined />}
        onClick={confirmCopy}
        loading={allocation.previous.isPending}
        title={t("targets.copyConfirm", { year: year - 1 })}
        data-testid="targets-copy-last-year"
      >
        {t("targets.copy")}
      </Button>
      <Button icon={<PartitionOutlined />} onClick={onDistribute} data-testid="targets-distribute">
        {t("targets.distribute")}
      </Button>
    </Space>
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

/** Kept in view at the bottom of the window (sticky), however far down the 33 areas one has scrolled. */
function SaveBar({ unsaved, saving, onDiscard, onSave }: SaveBarProps) {
  const { t } = useTranslation();
  return (
    <div className={`save-bar${unsaved > 0 ? " save-bar-dirty" : ""}`} data-testid="save-bar">
      <span className="save-bar-status" aria-live="polite" data-testid="save-bar-status">
        {unsaved > 0 ? (
          <Tag color="processing">{t("targets.unsaved", { count: unsaved })}</Tag>
        ) : (
          <Typography.Text type="secondary">{t("targets.allSaved")}</Typography.Text>
        )}
      </span>
      <Space>
        <Button disabled={!unsaved} onClick={onDiscard} data-testid="targets-discard">
          {t("targets.discard")}
        </Button>
        <Button type="primary" disabled={!unsaved} loading={saving} onClick={onSave} data-testid="targets-save">
          {t("common.save")}
        </Button>
      </Space>
    </div>
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
