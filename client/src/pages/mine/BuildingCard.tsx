// One building in 我的楼栋: its address (a link to its page and history), where it stands, how long it has
// waited, its blocker (with a button to add a progress note), and thumb-sized buttons — record the next stage,
// edit, set or clear a blocker.

import { CommentOutlined, EditOutlined, FlagOutlined, StopOutlined } from "@ant-design/icons";
import { isBlocked } from "@jiati/shared/counting";
import { nextStage, STAGE_DATE_FIELD } from "@jiati/shared/stages";
import type { BlockerCategory } from "@jiati/shared/vocabulary";
import { RECORDED_STAGES } from "@jiati/shared/vocabulary";
import { Button, Tag } from "antd";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { BuildingListItem } from "../../api/types";
import { StageTag } from "../../components/StageTag";
import { DueTag, todayOfBlocker } from "../../components/supervision/DueTag";
import { useFormat } from "../../i18n/format";
import { today } from "../../lib/dates";
import { useOutbox } from "../../offline/queue";

export type SheetMode = "stage" | "edit" | "blocker" | "note";

interface Props {
  building: BuildingListItem;
  canEdit: boolean;
  flash: boolean;
  onAction: (building: BuildingListItem, mode: SheetMode) => void;
}

export const BuildingCard = memo(function BuildingCard({ building, canEdit, flash, onAction }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reached = [...RECORDED_STAGES].reverse().find((stage) => building[STAGE_DATE_FIELD[stage]]);
  // A change to it waits in the outbox (listed above the groups): what the card shows is not yet that.
  const pending = useOutbox().some((item) => item.buildingId === building.id);
  return (
    <article
      className={`mine-card${isBlocked(building) ? " mine-card-blocked" : ""}${flash ? " mine-card-flash" : ""}`}
      data-testid={`mine-card-${building.id}`}
      data-building-id={building.id}
      data-stage={building.stage}
    >
      <div className="mine-card-head">
        <Link to={`/buildings/${building.id}`} className="mine-card-address" data-testid={`mine-link-${building.id}`}>
          {building.address}
        </Link>
        <StageTag stage={building.stage} withdrawn={building.withdrawn} />
      </div>
      <div className="mine-card-meta">
        {building.estate && <span>{building.estate}</span>}
        {reached && (
          <span>
            {t(`stage.${reached}`)} {fmt.date(building[STAGE_DATE_FIELD[reached]])}
          </span>
        )}
        {pending && (
          <Tag color="warning" data-testid={`mine-pending-${building.id}`}>
            {t("offline.pending")}
          </Tag>
        )}
        {building.stalledDays != null && (
          <Tag color="warning">{t("buildings.stalledDays", { days: building.stalledDays })}</Tag>
        )}
      </div>
      {building.blockerCategory && (
        <CardBlocker
          building={building}
          category={building.blockerCategory}
          onNote={canEdit && !building.withdrawn ? () => onAction(building, "note") : undefined}
        />
      )}
      {canEdit && !building.withdrawn && <CardActions building={building} onAction={onAction} />}
    </article>
  );
});

/** What blocks it, since when, who answers for it by when, the latest progress note, and adding one. */
function CardBlocker({
  building,
  category,
  onNote,
}: {
  building: BuildingListItem;
  category: BlockerCategory;
  onNote?: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const last = building.lastBlockerNote;
  return (
    <div className="mine-card-blocker" data-testid={`mine-blocker-${building.id}`}>
      <strong>{t("buildings.blockedBy", { category: t(`blocker.${category}`) })}</strong>
      {building.blockedSince && (
        <span className="muted"> · {t("building.blockedSince", { date: fmt.date(building.blockedSince) })}</span>
      )}
      {building.blockedDays != null && (
        <span className="muted"> · {t("supervision.blockedDays", { days: building.blockedDays })}</span>
      )}
      {building.blockerNote && <div>{building.blockerNote}</div>}
      <div className="mine-card-supervision">
        <span>
          {building.blockerOwner
            ? t("supervision.owner", { name: building.blockerOwner.displayName })
            : t("supervision.noOwner")}
        </span>
        <DueTag
          dueOn={building.blockerDueOn}
          today={todayOfBlocker(building.blockedSince, building.blockedDays, today())}
        />
      </div>
      {last && <div className="muted">{t("supervision.lastNote", { text: last.text })}</div>}
      {onNote && (
        <Button
          icon={<CommentOutlined />}
          onClick={onNote}
          className="mine-card-note"
          data-testid={`mine-note-button-${building.id}`}
        >
          {t("offline.addNote")}
        </Button>
      )}
    </div>
  );
}

/** Record the next stage (or correct the dates, once completed), set or clear the blocker, edit. */
function CardActions({ building, onAction }: Pick<Props, "building" | "onAction">) {
  const { t } = useTranslation();
  const next = nextStage(building);
  return (
    <div className="mine-card-actions">
      <Button
        type={next ? "primary" : undefined}
        icon={<FlagOutlined />}
        onClick={() => onAction(building, "stage")}
        data-testid={`mine-record-${building.id}`}
        className="mine-record"
      >
        {next ? t("stageForm.recordNext", { stage: t(`stage.${next}`) }) : t("stageForm.correctDates")}
      </Button>
      <Button
        icon={<StopOutlined />}
        danger={Boolean(building.blockerCategory)}
        onClick={() => onAction(building, "blocker")}
        data-testid={`mine-blocker-button-${building.id}`}
      >
        {building.blockerCategory ? t("mine.blockerState") : t("mine.block")}
      </Button>
      <Button
        icon={<EditOutlined />}
        onClick={() => onAction(building, "edit")}
        data-testid={`mine-edit-${building.id}`}
      >
        {t("mine.edit")}
      </Button>
    </div>
  );
}
