// 我的楼栋's "待发送 N 项": the changes made offline, in the order they will be sent, each with where it stands —
// waiting for the network, met a newer version (the conflict view, theirs beside yours, to redo on the current
// version), or refused by the server (its message, kept until discarded). Nothing leaves the list unseen.

import { Alert, App, Button, Popconfirm, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Panel } from "../../components/Panel";
import type { QueuedWrite } from "../../offline/outbox";
import { outbox, useOutbox } from "../../offline/queue";
import { ConflictNotice } from "../building/conflict";
import { describeItem, pendingValuesOf } from "./outboxItems";

export function OutboxPanel() {
  const { t } = useTranslation();
  const items = useOutbox();
  if (items.length === 0) return null;
  return (
    <Panel title={t("offline.title", { count: items.length })} className="outbox" testId="outbox">
      <p className="muted outbox-hint">{t("offline.hint")}</p>
      <ol className="outbox-list">
        {items.map((item) => (
          <OutboxRow key={item.id} item={item} />
        ))}
      </ol>
    </Panel>
  );
}

function OutboxRow({ item }: { item: QueuedWrite }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const discard = async () => {
    await outbox.discard(item.id);
    message.info(t("offline.discarded"));
  };
  return (
    <li className="outbox-row" data-testid={`outbox-item-${item.buildingId}`} data-state={item.state}>
      <div className="outbox-row-head">
        <Link to={`/buildings/${item.buildingId}`} className="outbox-address">
          {item.base.address}
        </Link>
        <span className="outbox-what">{describeItem(t, item)}</span>
        <StateTag item={item} />
      </div>
      {item.state === "conflict" && item.current && (
        <ConflictNotice
          base={item.base}
          latest={item.current}
          mine={pendingValuesOf(item)}
          onRebase={() => void outbox.redo(item.id)}
        />
      )}
      {item.state === "refused" && item.error && (
        <Alert
          type="error"
          showIcon
          data-testid="outbox-refused"
          title={t("offline.refused", { message: item.error.message })}
          description={Object.values(item.error.fields).join(t("conflict.separator")) || undefined}
        />
      )}
      {item.state !== "waiting" && (
        <Popconfirm title={t("offline.discardConfirm")} onConfirm={discard} okButtonProps={{ danger: true }}>
          <Button danger size="small" className="outbox-discard" data-testid="outbox-discard">
            {t("offline.discard")}
          </Button>
        </Popconfirm>
      )}
    </li>
  );
}

function StateTag({ item }: { item: QueuedWrite }) {
  const { t } = useTranslation();
  if (item.state === "conflict") return <Tag color="warning">{t("offline.conflict")}</Tag>;
  if (item.state === "refused") return <Tag color="error">{t("offline.refused", { message: "" })}</Tag>;
  return <Tag>{item.attempts > 0 ? t("offline.retrying", { count: item.attempts }) : t("offline.waiting")}</Tag>;
}
