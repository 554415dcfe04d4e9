// The building's history in words — who, when, what changed, why — from its audit rows, plus the stage
// events that have no audit row (imported or demo data), newest first.

import { Empty, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { BuildingDetail } from "../../api/types";
import { type Tone, useAuditDescriber } from "../../components/auditText";
import { fieldLabel } from "../../components/fieldValues";
import { useFormat } from "../../i18n/format";

interface Entry {
  key: string;
  at: string;
  who: string;
  what: string;
  why: string;
  tone: Tone;
}

export function History({ detail }: { detail: BuildingDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { describe } = useAuditDescriber();

  const audited = new Set(detail.history.map((row) => row.requestId).filter(Boolean));
  const entries: Entry[] = detail.history.map((row) => ({
    key: `audit-${row.id}`,
    at: row.at,
    who: row.displayName ?? row.username,
    why: row.reason,
    ...describe(row),
  }));
  for (const event of detail.stageEvents) {
    if (event.requestId && audited.has(event.requestId)) continue;
    const field = `${event.stage}On`;
    entries.push({
      key: `event-${event.id}`,
      at: event.at,
      who: t("history.system"),
      what:
        event.toDate == null
          ? t("history.stageCleared", { field: fieldLabel(t, field), from: fmt.date(event.fromDate) })
          : event.fromDate == null
            ? t("history.stageRecorded", { field: fieldLabel(t, field), date: fmt.date(event.toDate) })
            : t("history.stageChanged", {
                field: fieldLabel(t, field),
                from: fmt.date(event.fromDate),
                to: fmt.date(event.toDate),
              }),
      why: event.reason,
      tone: "gray",
    });
  }
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.key.localeCompare(a.key)));

  if (entries.length === 0) return <Empty description={t("history.none")} />;
  return (
    <Timeline
      data-testid="building-history"
      items={entries.map((entry) => ({
        key: entry.key,
        color: entry.tone,
        content: (
          <div className="history-entry" data-testid="history-entry">
            <div>
              <strong>{entry.who}</strong>
              <Typography.Text type="secondary" className="history-time">
                {fmt.dateTime(entry.at)}
              </Typography.Text>
            </div>
            <div>{entry.what}</div>
            {entry.why && (
              <div className="history-reason">
                {t("history.reason")}
                {entry.why}
              </div>
            )}
          </div>
        ),
      }))}
    />
  );
}
