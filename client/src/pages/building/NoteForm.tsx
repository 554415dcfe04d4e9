// Adding to a blocker's thread: a dated progress note, a site photo, or both (the photo then belongs to the
// note). The photo is taken or chosen on the phone and scaled down here before it is sent (lib/photo.ts);
// the server's refusals — too large, not an image, the episode's photos full — are shown as it words them.

import { CameraOutlined, DeleteOutlined } from "@ant-design/icons";
import type { BlockerNote, Building } from "@jiati/shared";
import { BLOCKER_NOTE_MAX, PHOTOS_PER_EPISODE } from "@jiati/shared/blockers";
import { Alert, App, Button, Input } from "antd";
import { type ChangeEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAddBlockerNote, useUploadBlockerPhoto } from "../../api/supervision";
import { useErrorMessage } from "../../components/useErrorMessage";
import { PhotoUnreadable, resizePhoto } from "../../lib/photo";

interface Props {
  /** The building as the user sees it (kept with the note if it has to wait for the network). */
  building: Building;
  /** Photos the current episode may still take; unknown (no photo offered) when the thread is not at hand. */
  photosLeft?: number;
  /** Told when the note is added or queued. */
  onDone?: () => void;
}

export function NoteForm({ building, photosLeft, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const photo = useChosenPhoto(setError);
  const addNote = useAddBlockerNote(building);
  const upload = useUploadBlockerPhoto(building.id);
  const pending = addNote.isPending || upload.isPending;

  /** Why the note cannot be sent as it stands, if it cannot. */
  const problemWith = (trimmed: string) => {
    if (!trimmed && !photo.blob) return t("supervision.noteRequired");
    // A photo is not queued offline (docs/ARCHITECTURE.md § Offline): the text may be.
    if (photo.blob && !navigator.onLine) return t("offline.photoNeedsNetwork");
    return null;
  };
  /** The text was queued (the network failed on the way): a photo chosen with it has to wait. */
  const queued = () => {
    if (photo.blob) {
      setError(t("offline.photoNeedsNetwork"));
      return;
    }
    message.info(t("offline.queued"));
    onDone?.();
  };

  /** The note (if any) was taken: its photo (if any) follows, attached to it. */
  const sent = async (note: BlockerNote | null) => {
    if (photo.blob) await upload.mutateAsync({ photo: photo.blob, noteId: note?.id });
    photo.clear();
    message.success(photo.blob && !note ? t("supervision.photoSaved") : t("supervision.noteSaved"));
    onDone?.();
  };

  const submit = async () => {
    const trimmed = text.trim();
    const problem = problemWith(trimmed);
    setError(problem);
    if (problem) return;
    try {
      const outcome = trimmed ? await addNote.mutateAsync({ text: trimmed }) : null;
      // The note stands even if its photo is then refused: the text is kept out of the box, the photo stays.
      if (outcome) setText("");
      if (outcome?.queued) {
        queued();
        return;
      }
      await sent(outcome?.value ?? null);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  return (
    <div className="note-form" data-testid="blocker-note-form">
      <Input.TextArea
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={2}
        maxLength={BLOCKER_NOTE_MAX}
        placeholder={t("supervision.notePlaceholder")}
        aria-label={t("supervision.addNote")}
        data-testid="blocker-note-text"
      />
      {photosLeft !== undefined && <PhotoChooser photo={photo} photosLeft={photosLeft} />}
      {error && <Alert type="error" showIcon title={error} data-testid="blocker-note-error" />}
      <Button type="primary" block onClick={submit} loading={pending} data-testid="blocker-note-submit">
        {t("supervision.addNote")}
      </Button>
    </div>
  );
}

type ChosenPhoto = ReturnType<typeof useChosenPhoto>;

/** The photo chosen for the next note, already scaled down, with a preview URL freed when it goes. */
function useChosenPhoto(onError: (message: string | null) => void) {
  const { t } = useTranslation();
  const [blob, setBlob] = useState<Blob | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const choose = async (file: File) => {
    onError(null);
    setPreparing(true);
    try {
      const resized = await resizePhoto(file);
      setBlob(resized);
      setPreview(URL.createObjectURL(resized));
    } catch (error) {
      onError(error instanceof PhotoUnreadable ? t("supervision.photoUnreadable") : String(error));
    } finally {
      setPreparing(false);
    }
  };
  const clear = () => {
    setBlob(null);
    setPreview(null);
  };
  return { blob, preview, preparing, choose, clear };
}

function PhotoChooser({ photo, photosLeft }: { photo: ChosenPhoto; photosLeft: number }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file can be chosen again after removing it.
    event.target.value = "";
    if (file) void photo.choose(file);
  };
  if (photosLeft <= 0) {
    return <p className="muted">{t("supervision.noPhotosLeft", { count: PHOTOS_PER_EPISODE })}</p>;
  }
  return (
    <div className="note-photo">
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        onChange={onChange}
        data-testid="blocker-photo-input"
      />
      {photo.preview && photo.blob ? (
        <div className="note-photo-chosen">
          <img src={photo.preview} alt="" className="photo-thumb" data-testid="blocker-photo-preview" />
          <span className="muted">{t("supervision.photoReady", { kb: Math.ceil(photo.blob.size / 1024) })}</span>
          <Button icon={<DeleteOutlined />} onClick={photo.clear} aria-label={t("supervision.removePhoto")} />
        </div>
      ) : (
        <Button
          icon={<CameraOutlined />}
          loading={photo.preparing}
          onClick={() => input.current?.click()}
          data-testid="blocker-photo-button"
        >
          {photo.preparing ? t("supervision.preparing") : t("supervision.takePhoto")}
        </Button>
      )}
      <span className="muted note-photo-left">{t("supervision.photosLeft", { count: photosLeft })}</span>
    </div>
  );
}
