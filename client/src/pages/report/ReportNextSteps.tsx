// 五、下一步工作: the text the task force types before printing, kept on the server for the year's report of the
// town or the zone (GET/PUT /api/report-notes). The task force edits it here; everyone else reads it. What prints
// is what the box holds, saved or not; a save made on an older version is refused and the newer text shown
// (saving again then overwrites it knowingly).

import { REPORT_NEXT_STEPS_MAX, type ReportNotes } from "@jiati/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Input, Space } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/http";
import { keys } from "../../api/keys";
import { reportNotesQuery, usePutReportNotes } from "../../api/reports";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../i18n/format";

export function ReportNextSteps({ year, zoneId }: { year: number; zoneId: number | null }) {
  const { t } = useTranslation();
  const notes = useQuery(reportNotesQuery(year, zoneId));
  const saved = notes.data?.nextSteps ?? "";
  return (
    <section className="report-section report-keep" data-testid="report-next-steps">
      <h2>{t("report.sections.nextSteps")}</h2>
      {notes.data?.editable ? (
        <NextStepsEditor key={`${year}-${zoneId}`} notes={notes.data} />
      ) : saved ? (
        <div className="report-next-steps-text" data-testid="report-next-steps-text">
          {saved}
        </div>
      ) : (
        <BlankLines />
      )}
    </section>
  );
}

/** Ruled lines to write on, where nothing was typed (on screen: a word saying so). */
function BlankLines() {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted screen-only">{t("report.nextSteps.empty")}</p>
      <div className="report-blank-lines print-only" aria-hidden>
        <div />
        <div />
        <div />
      </div>
    </>
  );
}

function NextStepsEditor({ notes }: { notes: ReportNotes }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const put = usePutReportNotes(notes.year, notes.zoneId);
  const [draft, setDraft] = useState(notes.nextSteps);
  const [base, setBase] = useState(notes);
  const [newer, setNewer] = useState<ReportNotes | null>(null);
  // Another writer's save (heard through the change stream) replaces an untouched box.
  useEffect(() => {
    if (notes.version !== base.version && draft === base.nextSteps) {
      setDraft(notes.nextSteps);
      setBase(notes);
    }
  }, [notes, base, draft]);
  const dirty = draft !== base.nextSteps;

  const save = () =>
    put.mutate(
      { input: { nextSteps: draft }, version: base.version },
      {
        onSuccess: (result) => {
          setBase(result);
          setDraft(result.nextSteps);
          setNewer(null);
          message.success(t("report.nextSteps.saved"));
        },
        onError: (error) => {
          if (isApiError(error, 409) && error.current) {
            const current = error.current as ReportNotes;
            queryClient.setQueryData(keys.settings.reportNotes(notes.year, notes.zoneId), current);
            // Saving again now overwrites their text knowingly; "load theirs" takes it instead.
            setBase(current);
            setNewer(current);
            return;
          }
          message.error(errorMessage(error));
        },
      },
    );

  return (
    <>
      <div className="no-print report-next-steps-editor">
        {newer && (
          <Alert
            type="warning"
            showIcon
            data-testid="report-next-steps-stale"
            title={t("report.nextSteps.stale")}
            description={`${t("report.nextSteps.latest")}${newer.nextSteps}`}
            action={
              <Button
                size="small"
                onClick={() => {
                  setDraft(newer.nextSteps);
                  setNewer(null);
                }}
              >
                {t("report.nextSteps.useLatest")}
              </Button>
            }
          />
        )}
        <Input.TextArea
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          autoSize={{ minRows: 3, maxRows: 12 }}
          maxLength={REPORT_NEXT_STEPS_MAX}
          showCount
          placeholder={t("report.nextSteps.placeholder")}
          aria-label={t("report.nextSteps.label")}
          data-testid="report-next-steps-input"
        />
        <Space wrap className="report-next-steps-actions">
          <Button
            type="primary"
            onClick={save}
            loading={put.isPending}
            disabled={!dirty}
            data-testid="report-next-steps-save"
          >
            {t("report.nextSteps.save")}
          </Button>
          <span className="muted" data-testid="report-next-steps-state">
            {dirty
              ? t("report.nextSteps.unsaved")
              : base.updatedBy && base.updatedAt
                ? t("report.nextSteps.updated", { who: base.updatedBy, time: fmt.dateTime(base.updatedAt) })
                : ""}
          </span>
        </Space>
      </div>
      {draft.trim() ? (
        <div className="report-next-steps-text print-only" data-testid="report-next-steps-text">
          {draft.trim()}
        </div>
      ) : (
        <div className="report-blank-lines print-only" aria-hidden>
          <div />
          <div />
          <div />
        </div>
      )}
    </>
  );
}
