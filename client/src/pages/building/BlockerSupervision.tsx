// The building's blocker under supervision (督办): who answers for it by when, how long it has been blocked,
// and its thread of dated progress notes and photos — the current episode's first, earlier episodes' below as
// history. Those who may supervise the area add to it here (docs/DOMAIN.md § Blocker supervision).

import type { BlockerNote, BlockerThread, Building } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { Card, Descriptions, Empty, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { blockerThreadQuery } from "../../api/supervision";
import { DueTag } from "../../components/supervision/DueTag";
import { PhotoThumbs } from "../../components/supervision/PhotoThumbs";
import { useFormat } from "../../i18n/format";
import { NoteForm } from "./NoteForm";

interface Props {
  building: Building;
  canSupervise: boolean;
}

export function BlockerSupervision({ building, canSupervise }: Props) {
  const { t } = useTranslation();
  const thread = useQuery(blockerThreadQuery(building.id));
  const blocked = building.blockerCategory != null && !building.withdrawn;
  const data = thread.data;
  const hasHistory = data != null && (data.notes.length > 0 || data.photos.length > 0);
  if (!blocked && !hasHistory) return null;

  return (
    <Card size="small" title={t("supervision.panelTitle")} className="section" data-testid="blocker-supervision">
      {!data ? (
        <Spin />
      ) : (
        <>
          {blocked && <BlockerFacts thread={data} />}
          {blocked && <PhotoThumbs photos={data.photos.filter((photo) => isCurrent(photo, data))} />}
          {blocked && canSupervise && <NoteForm building={building} photosLeft={data.photosLeft} />}
          <Thread thread={data} />
        </>
      )}
    </Card>
  );
}

const isCurrent = (item: { blockedSince: string; noteId?: number | null }, thread: BlockerThread) =>
  item.blockedSince === thread.blockedSince && !item.noteId;

function BlockerFacts({ thread }: { thread: BlockerThread }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Descriptions
      column={1}
      size="small"
      data-testid="blocker-facts"
      items={[
        {
          key: "owner",
          label: t("supervision.ownerField"),
          children: <span data-testid="blocker-owner">{thread.owner?.displayName ?? t("supervision.noOwner")}</span>,
        },
        {
          key: "due",
          label: t("supervision.dueField"),
          children: (
            <span data-testid="blocker-due">
              <DueTag dueOn={thread.dueOn} today={thread.today} testId="blocker-due-state" />
            </span>
          ),
        },
        {
          key: "days",
          label: t("supervision.blockedField"),
          children: (
            <span data-testid="blocker-days">
              {thread.blockedSince ? `${fmt.date(thread.blockedSince)} · ` : ""}
              {t("supervision.blockedDays", { days: thread.blockedDays ?? 0 })}
            </span>
          ),
        },
      ]}
    />
  );
}

/** The notes, the current episode's first; earlier episodes' under their own heading. */
function Thread({ thread }: { thread: BlockerThread }) {
  const { t } = useTranslation();
  const current = thread.notes.filter((note) => note.current);
  const earlier = thread.notes.filter((note) => !note.current);
  const earlierPhotos = thread.photos.filter((photo) => !photo.noteId && photo.blockedSince !== thread.blockedSince);
  return (
    <div className="blocker-thread" data-testid="blocker-thread">
      <Typography.Title level={5} className="blocker-thread-title">
        {t("supervision.thread")}
      </Typography.Title>
      {current.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supervision.noNote")} />
      ) : (
        <NoteList notes={current} />
      )}
      {(earlier.length > 0 || earlierPhotos.length > 0) && (
        <>
          <Typography.Title level={5} className="blocker-thread-title">
            {t("supervision.earlier")}
          </Typography.Title>
          <PhotoThumbs photos={earlierPhotos} />
          <NoteList notes={earlier} />
        </>
      )}
    </div>
  );
}

function NoteList({ notes }: { notes: BlockerNote[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <ol className="note-list">
      {notes.map((note) => (
        <li key={note.id} className="note-item" data-testid={`blocker-note-${note.id}`}>
          <div className="note-meta muted">
            {t("supervision.lastNoteBy", { author: note.author?.displayName ?? "—", time: fmt.dateTime(note.at) })}
          </div>
          <div className="note-text">{note.text}</div>
          <PhotoThumbs photos={note.photos} />
        </li>
      ))}
    </ol>
  );
}
