// Distributing a town figure over the areas (docs/DOMAIN.md § Targets for the coming year): the stages, the
// town figure of each, the rule; a preview of every area's share with the sum; applying puts them into the
// draft as unsaved changes, to be saved with the rest.

import type { RecordedStage } from "@jiati/shared";
import { DISTRIBUTION_RULES, type DistributionRule } from "@jiati/shared/planning";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { Alert, Button, Checkbox, InputNumber, Radio, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AreaWithCounts, TargetsResponse } from "../../api/types";
import { Sheet } from "../../components/Sheet";
import { useFormat } from "../../i18n/format";
import { type AreaShare, type Draft, distributionOf, TOWN, targetIn } from "./allocation";
import type { StageDistribution } from "./useTargetDraft";

interface Props {
  year: number;
  areas: AreaWithCounts[];
  draft: Draft;
  previous: TargetsResponse | undefined;
  onApply: (distributions: StageDistribution[]) => void;
  onClose: () => void;
}

export function DistributeSheet({ year, areas, draft, previous, onApply, onClose }: Props) {
  const { t } = useTranslation();
  const [rule, setRule] = useState<DistributionRule>("pipeline");
  const [stages, setStages] = useState<RecordedStage[]>(["signed"]);
  const [totals, setTotals] = useState<Record<RecordedStage, number | null>>(() => ({
    signed: targetIn(draft, TOWN, "signed"),
    started: targetIn(draft, TOWN, "started"),
    completed: targetIn(draft, TOWN, "completed"),
  }));
  const chosen = RECORDED_STAGES.filter((stage) => stages.includes(stage));
  const results = chosen.map((stage) => {
    const total = totals[stage];
    return { stage, total, shares: total == null ? null : distributionOf({ rule, stage, total, areas, previous }) };
  });
  const ready = results.length > 0 && results.every((result) => result.total != null && result.shares != null);
  const apply = () => {
    onApply(
      results.flatMap(({ stage, total, shares }) => (total == null || !shares ? [] : [{ stage, total, shares }])),
    );
    onClose();
  };

  return (
    <Sheet
      title={t("distribute.title", { year })}
      onClose={onClose}
      width={760}
      testId="distribute-sheet"
      footer={
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button type="primary" disabled={!ready} onClick={apply} data-testid="distribute-apply">
            {t("distribute.apply")}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <div className="distribute-stages">
          {RECORDED_STAGES.map((stage) => (
            <div key={stage} className="distribute-stage">
              <Checkbox
                checked={stages.includes(stage)}
                onChange={(event) =>
                  setStages((prev) =>
                    event.target.checked ? [...prev, stage] : prev.filter((candidate) => candidate !== stage),
                  )
                }
                data-testid={`distribute-stage-${stage}`}
              >
                {t(`stage.${stage}`)}
              </Checkbox>
              <InputNumber
                min={0}
                max={1_000_000}
                precision={0}
                value={totals[stage]}
                disabled={!stages.includes(stage)}
                onChange={(value) => setTotals((prev) => ({ ...prev, [stage]: value == null ? null : Number(value) }))}
                aria-label={t("distribute.townFigure", { stage: t(`stage.${stage}`) })}
                placeholder={t("distribute.townPlaceholder")}
                data-testid={`distribute-total-${stage}`}
              />
            </div>
          ))}
        </div>
        <div>
          <Typography.Text strong>{t("distribute.rule")}</Typography.Text>
          <Radio.Group
            value={rule}
            onChange={(event) => setRule(event.target.value)}
            className="distribute-rules"
            data-testid="distribute-rule"
          >
            {DISTRIBUTION_RULES.map((option) => (
              <Radio key={option} value={option} data-testid={`distribute-rule-${option}`}>
                {t(`distribute.rules.${option}`)}
              </Radio>
            ))}
          </Radio.Group>
          <Typography.Paragraph type="secondary" className="distribute-explain">
            {t(`distribute.explain.${rule}`, { year: year - 1 })}
          </Typography.Paragraph>
        </div>
        {results
          .filter((result) => result.total != null && result.shares == null)
          .map((result) => (
            <Alert
              key={result.stage}
              type="warning"
              showIcon
              title={t("distribute.noBasis", { stage: t(`stage.${result.stage}`) })}
            />
          ))}
        {results.length > 0 && <Preview areas={areas} results={results} />}
      </Space>
    </Sheet>
  );
}

interface StageResult {
  stage: RecordedStage;
  total: number | null;
  shares: AreaShare[] | null;
}

/** Every area's share per chosen stage, with what the rule weighed it by, and the sum against the figure. */
function Preview({ areas, results }: { areas: AreaWithCounts[]; results: StageResult[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const shareOf = (result: StageResult, areaId: number) => result.shares?.find((share) => share.areaId === areaId);
  const columns: ColumnsType<AreaWithCounts> = [
    { key: "area", title: t("ranking.area"), dataIndex: "name", width: 110, fixed: "left" },
    ...results.map((result) => ({
      key: result.stage,
      title: t(`stage.${result.stage}`),
      width: 120,
      render: (_: unknown, area: AreaWithCounts) => {
        const share = shareOf(result, area.id);
        if (!share) return "—";
        return (
          <span data-testid={`distribute-share-${area.id}-${result.stage}`}>
            <strong>{fmt.int(share.value)}</strong>{" "}
            <Typography.Text type="secondary">
              {t("distribute.weight", { weight: fmt.int(share.weight) })}
            </Typography.Text>
          </span>
        );
      },
    })),
  ];
  return (
    <Table<AreaWithCounts>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={areas}
      pagination={false}
      scroll={{ x: 110 + 120 * results.length, y: 320 }}
      data-testid="distribute-preview"
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t("distribute.sum")}</strong>
            </Table.Summary.Cell>
            {results.map((result, index) => (
              <Table.Summary.Cell key={result.stage} index={index + 1}>
                <strong data-testid={`distribute-sum-${result.stage}`}>
                  {result.shares ? fmt.int(result.shares.reduce((sum, share) => sum + share.value, 0)) : "—"}
                </strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
