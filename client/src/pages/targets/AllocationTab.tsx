// The year's town targets per stage and their allocation to areas, editable by the task force. The sum
// of the areas is shown against the town target and flagged when they differ.

import type { PutTargets, RecordedStage, TargetEntry } from "@jiati/shared";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Card, Empty, InputNumber, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { areasQuery } from "../../api/structure";
import { targetsQuery, usePutTargets } from "../../api/targets";
import type { AreaWithCounts, TargetsResponse } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../i18n/format";

type Values = Record<RecordedStage, number | null>;
/** Draft targets: "town" and one entry per area id. */
type Draft = Record<string, Values>;

const empty = (): Values => ({ signed: null, started: null, completed: null });

function draftFrom(targets: TargetsResponse): Draft {
  const draft: Draft = { town: { ...targets.town } };
  for (const area of targets.areas) {
    draft[area.areaId] = { signed: area.signed, started: area.started, completed: area.completed };
  }
  return draft;
}

export function AllocationTab({ year, editable }: { year: number; editable: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const targets = useQuery(targetsQuery(year));
  const areas = useQuery(areasQuery());
  const put = usePutTargets();
  const [draft, setDraft] = useState<Draft>({});
  const [dirty, setDirty] = useState(false);

  // Follow the server (another user's save, a new year) unless the user is in the middle of editing.
  useEffect(() => {
    if (targets.data && !dirty) setDraft(draftFrom(targets.data));
  }, [targets.data, dirty]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new year discards the draft.
  useEffect(() => setDirty(false), [year]);

  const saved = useMemo(() => (targets.data ? draftFrom(targets.data) : {}), [targets.data]);
  const value = (key: string, stage: RecordedStage) => draft[key]?.[stage] ?? null;
  const set = (key: string, stage: RecordedStage, next: number | null) => {
    setDirty(true);
    setDraft((prev) => ({ ...prev, [key]: { ...(prev[key] ?? empty()), [stage]: next } }));
  };

  const changes: TargetEntry[] = [];
  for (const [key, values] of Object.entries(draft)) {
    for (const stage of RECORDED_STAGES) {
      const before = saved[key]?.[stage] ?? null;
      if (values[stage] === before) continue;
      changes.push({
        stage,
        areaId: key === "town" ? null : Number(key),
        zoneId: null,
        value: values[stage],
      });
    }
  }

  const sums = Object.fromEntries(
    RECORDED_STAGES.map((stage) => [
      stage,
      (areas.data ?? []).reduce((sum, area) => sum + (value(String(area.id), stage) ?? 0), 0),
    ]),
  ) as Record<RecordedStage, number>;
  const unbalanced = RECORDED_STAGES.filter((stage) => {
    const town = value("town", stage);
    const anyArea = (areas.data ?? []).some((area) => value(String(area.id), stage) != null);
    return town != null && anyArea && town !== sums[stage];
  });

  if (targets.isPending || areas.isPending) return <PageSpinner />;
  if (targets.isError) return <ErrorResult error={targets.error} onRetry={() => targets.refetch()} />;
  if (areas.isError) return <ErrorResult error={areas.error} onRetry={() => areas.refetch()} />;

  const save = () => {
    const body: PutTargets = { year, targets: changes };
    put.mutate(body, {
      onSuccess: () => {
        setDirty(false);
        message.success(t("targets.saved"));
      },
      onError: (error) => message.error(errorMessage(error)),
    });
  };

  const cell = (key: string, stage: RecordedStage) =>
    editable ? (
      <InputNumber
        min={0}
        max={1_000_000}
        precision={0}
        value={value(key, stage)}
        onChange={(next) => set(key, stage, next == null ? null : Number(next))}
        style={{ width: "100%", maxWidth: 110 }}
        aria-label={`${key === "town" ? t("dashboard.town") : key} ${t(`stage.${stage}`)}`}
        data-testid={`target-${key}-${stage}`}
      />
    ) : (
      <span data-testid={`target-${key}-${stage}`}>{fmt.int(value(key, stage))}</span>
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
    <div data-testid="allocation">
      <Card size="small" title={t("targets.townTitle", { year })} className="section-first">
        <Space wrap size={24}>
          {RECORDED_STAGES.map((stage) => (
            <div key={stage} className="town-target">
              <Typography.Text type="secondary">{t(`stage.${stage}`)}</Typography.Text>
              <div className="town-target-value">{cell("town", stage)}</div>
            </div>
          ))}
        </Space>
      </Card>

      {unbalanced.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="section"
          data-testid="allocation-unbalanced"
          title={t("allocation.banner")}
          description={unbalanced
            .map((stage) =>
              t("allocation.stageLine", {
                stage: t(`stage.${stage}`),
                town: fmt.int(value("town", stage)),
                sum: fmt.int(sums[stage]),
              }),
            )
            .join("；")}
        />
      )}

      <Card
        size="small"
        className="section"
        title={t("targets.areasTitle")}
        extra={
          editable && (
            <Space>
              {changes.length > 0 && <Tag color="processing">{t("targets.unsaved", { count: changes.length })}</Tag>}
              <Button
                disabled={!changes.length}
                onClick={() => {
                  setDraft(saved);
                  setDirty(false);
                }}
              >
                {t("targets.discard")}
              </Button>
              <Button
                type="primary"
                disabled={!changes.length}
                loading={put.isPending}
                onClick={save}
                data-testid="targets-save"
              >
                {t("common.save")}
              </Button>
            </Space>
          )
        }
      >
        {areas.data.length === 0 ? (
          <Empty />
        ) : (
          <Table<AreaWithCounts>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={areas.data}
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
                      <span
                        className={unbalanced.includes(stage) ? "text-behind" : ""}
                        data-testid={`target-sum-${stage}`}
                      >
                        <strong>{fmt.int(sums[stage])}</strong>
                        {unbalanced.includes(stage) && ` ≠ ${fmt.int(value("town", stage))}`}
                      </span>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            )}
          />
        )}
      </Card>
    </div>
  );
}
