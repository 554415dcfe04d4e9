// What 我的楼栋 asks of the secretary before the list of buildings: their due items — blockers overdue or due
// within the week, their own first, then the stalled buildings — and the area's dated status line, the latest
// one shown and a new one written here (docs/DOMAIN.md § Blocker supervision, § Area status lines).

import type { BlockerItem } from "@jiati/shared";
import { AREA_STATUS_MAX } from "@jiati/shared/blockers";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Input, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { sessionQuery } from "../../api/session";
import { areaStatusHistoryQuery, blockersQuery, useWriteAreaStatus } from "../../api/supervision";
import type { BuildingListItem } from "../../api/types";
import { Panel } from "../../components/Panel";
import { DueTag } from "../../components/supervision/DueTag";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../i18n/format";
import { dueItems, stalledOf } from "./todo";

/** The longest stalled buildings the due list names; the rest are counted (all are in the groups below). */
const STALLED_SHOWN = 5;

export function MineDueList({ areaId, buildings }: { areaId: number; buildings: BuildingListItem[] }) {
  const { t } = useTranslation();
  const { data: user } = useQuery(sessionQuery);
  const blockers = useQuery(blockersQuery({ areaId }));
  if (!blockers.data) return null;
  const { due, later } = dueItems(blockers.data.items, blockers.data.today, user?.id);
  const stalled = stalledOf(buildings).slice(0, STALLED_SHOWN);
  const moreStalled = stalledOf(buildings).length - stalled.length;
  return (
    <Panel title={t("supervision.todo")} className="mine-todo" testId="mine-todo">
      {due.length === 0 && stalled.length === 0 ? (
        <p className="muted">{t("supervision.todoEmpty")}</p>
      ) : (
        <ol className="todo-list">
          {due.map((item) => (
            <DueRow key={item.buildingId} item={item} today={blockers.data.today} own={item.owner?.id === user?.id} />
          ))}
          {stalled.map((building) => (
            <li key={building.id} className="todo-row" data-testid={`todo-stalled-${building.id}`}>
              <Link to={`/buildings/${building.id}`} className="todo-address">
                {building.address}
              </Link>
              <Tag color="warning">{t("buildings.stalledDays", { days: building.stalledDays })}</Tag>
            </li>
          ))}
        </ol>
      )}
      {moreStalled > 0 && (
        <p className="muted todo-later">{t("supervision.todoMoreStalled", { count: moreStalled })}</p>
      )}
      {later > 0 && <p className="muted todo-later">{t("supervision.todoLater", { count: later })}</p>}
    </Panel>
  );
}

function DueRow({ item, today, own }: { item: BlockerItem; today: string; own: boolean }) {
  const { t } = useTranslation();
  return (
    <li className="todo-row" data-testid={`todo-blocker-${item.buildingId}`} data-own={own}>
      <Link to={`/buildings/${item.buildingId}`} className="todo-address">
        {item.address}
      </Link>
      <DueTag dueOn={item.dueOn} today={today} />
      <span className="muted">
        {t(`blocker.${item.category}`)} ·{" "}
        {item.owner ? t("supervision.owner", { name: item.owner.displayName }) : t("supervision.noOwner")}
      </span>
    </li>
  );
}

/** The area's latest status line, and (for its secretary and the task force) a box to write today's. */
export function AreaStatusLine({ areaId, canWrite }: { areaId: number; canWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const history = useQuery(areaStatusHistoryQuery(areaId));
  const latest = history.data?.[0];
  return (
    <Panel title={t("supervision.statusTitle")} className="mine-status" testId="area-status">
      {latest ? (
        <div data-testid="area-status-latest">
          <div className="area-status-text">{latest.text}</div>
          <div className="muted">
            {t("supervision.statusBy", { author: latest.author, date: fmt.date(latest.date) })}
          </div>
        </div>
      ) : (
        <p className="muted">{t("supervision.statusNone")}</p>
      )}
      {canWrite && <StatusForm areaId={areaId} />}
    </Panel>
  );
}

function StatusForm({ areaId }: { areaId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [text, setText] = useState("");
  const write = useWriteAreaStatus(areaId);
  const submit = () =>
    write.mutate(
      { text: text.trim() },
      {
        onSuccess: () => {
          setText("");
          message.success(t("supervision.statusSaved"));
        },
      },
    );
  return (
    <div className="status-form">
      <Input
        value={text}
        onChange={(event) => setText(event.target.value)}
        maxLength={AREA_STATUS_MAX}
        placeholder={t("supervision.statusPlaceholder")}
        aria-label={t("supervision.statusTitle")}
        onPressEnter={() => text.trim() && submit()}
        data-testid="area-status-input"
      />
      <Button
        type="primary"
        onClick={submit}
        disabled={!text.trim()}
        loading={write.isPending}
        data-testid="area-status-submit"
      >
        {t("supervision.statusSubmit")}
      </Button>
      {write.isError && <Alert type="error" showIcon title={errorMessage(write.error)} />}
    </div>
  );
}
