// The change log on a phone: one card a change — when and who, the action and its record, what changed,
// and the reason — instead of a table wider than the screen.

import { Card, Empty, Spin, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AuditRow } from "../../api/types";
import { actionLabel, useAuditDescriber } from "../../components/auditText";
import { useFormat } from "../../i18n/format";

export function AuditCards({ rows, pending }: { rows: AuditRow[]; pending: boolean }) {
  const { t } = useTranslation();
  if (pending) return <Spin />;
  if (rows.length === 0) return <Empty description={t("history.none")} />;
  return (
    <div className="audit-cards" data-testid="audit-cards">
      {rows.map((row) => (
        <AuditCard key={row.id} row={row} />
      ))}
    </div>
  );
}

function AuditCard({ row }: { row: AuditRow }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const audit = useAuditDescriber();
  const { what, tone } = audit.describe(row);
  const entity = audit.entity(row);
  return (
    <Card size="small" className="audit-card" data-testid={`audit-card-${row.id}`}>
      <div className="muted">
        {fmt.dateTime(row.at)} · {row.displayName ?? row.username}
      </div>
      <div className="audit-card-head">
        <Tag color={tone}>{actionLabel(t, row.action)}</Tag>
        {row.entity === "building" ? (
          <Link to={`/buildings/${row.entityId}`} className="audit-card-link">
            {entity}
          </Link>
        ) : (
          <span>{entity}</span>
        )}
      </div>
      <div className="audit-card-what">{what}</div>
      {row.reason && (
        <div className="muted">
          {t("history.reason")}
          {row.reason}
        </div>
      )}
    </Card>
  );
}
