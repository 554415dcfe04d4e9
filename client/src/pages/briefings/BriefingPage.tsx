// One weekly briefing (docs/DOMAIN.md § Weekly briefing): the newsletter page, printable on A4 without the app's
// chrome, downloadable as .docx. A draft's 下一步工作 is edited here by the task force, its text generated again
// from the latest figures, and then it is issued — after which nothing on it can be changed.

import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined, ReloadOutlined, SendOutlined } from "@ant-design/icons";
import type { Briefing } from "@jiati/shared";
import { NEXT_STEPS_MAX } from "@jiati/shared/briefing-head";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Input, Popconfirm, Space } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import {
  briefingDocxUrl,
  briefingQuery,
  useIssueBriefing,
  usePatchBriefing,
  useRegenerateBriefing,
} from "../../api/briefings";
import { isApiError } from "../../api/http";
import { keys } from "../../api/keys";
import { ErrorResult } from "../../components/ErrorResult";
import { PageSpinner } from "../../components/PageSpinner";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../i18n/format";
import { BriefingSheet, NextStepsText } from "./BriefingSheet";
import "./briefing.css";

export function BriefingPage() {
  const id = Number(useParams().briefingId);
  const briefing = useQuery({ ...briefingQuery(id), enabled: Number.isInteger(id) && id > 0 });
  if (briefing.isError) return <ErrorResult error={briefing.error} onRetry={() => briefing.refetch()} />;
  if (!briefing.data) return <PageSpinner />;
  return <BriefingView briefing={briefing.data} />;
}

function BriefingView({ briefing }: { briefing: Briefing }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const editable = briefing.abilities.edit;
  const draft = useNextStepsDraft(briefing);
  return (
    <div className="briefing-page" data-testid="briefing-page" data-status={briefing.status}>
      <div className="print-toolbar no-print">
        <Link to="/briefings">
          <Button icon={<ArrowLeftOutlined />}>{t("briefings.back")}</Button>
        </Link>
        <Space wrap>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="briefing-print">
            {t("briefings.print")}
          </Button>
          <Button icon={<DownloadOutlined />} href={briefingDocxUrl(briefing.id)} data-testid="briefing-download">
            {t("briefings.download")}
          </Button>
          {editable && <DraftActions briefing={briefing} unsaved={draft.dirty} />}
        </Space>
      </div>
      <Alert
        className="briefing-notice no-print"
        type={briefing.status === "issued" ? "success" : "info"}
        showIcon
        data-testid="briefing-notice"
        title={
          briefing.status === "issued"
            ? t("briefings.issuedNotice", {
                at: fmt.dateTime(briefing.issuedAt),
                who: briefing.issuedBy?.displayName ?? "—",
              })
            : t("briefings.draftNotice", { date: fmt.date(briefing.asOf) })
        }
      />
      <BriefingSheet
        briefing={briefing}
        nextSteps={editable ? <NextStepsEditor draft={draft} /> : <NextStepsText text={briefing.nextSteps} />}
      />
    </div>
  );
}

/** Regenerate and issue, each at the version on screen (a 409 loads the latest); not over unsaved next steps. */
function DraftActions({ briefing, unsaved }: { briefing: Briefing; unsaved: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const showLatest = useShowLatest();
  const regenerate = useRegenerateBriefing(briefing.id);
  const issue = useIssueBriefing(briefing.id);
  const onError = (error: unknown) => {
    if (!showLatest(error)) message.error(errorMessage(error));
  };
  return (
    <>
      <Popconfirm
        title={t("briefings.regenerateConfirm")}
        onConfirm={() =>
          regenerate.mutate(
            { version: briefing.version },
            { onSuccess: () => message.success(t("briefings.regenerated")), onError },
          )
        }
      >
        <Button
          icon={<ReloadOutlined />}
          loading={regenerate.isPending}
          disabled={unsaved}
          title={unsaved ? t("briefings.unsaved") : undefined}
          data-testid="briefing-regenerate"
        >
          {t("briefings.regenerate")}
        </Button>
      </Popconfirm>
      <Popconfirm
        title={t("briefings.issueConfirm")}
        okText={t("briefings.issue")}
        onConfirm={() =>
          issue.mutate(
            { version: briefing.version },
            { onSuccess: () => message.success(t("briefings.issuedNow")), onError },
          )
        }
      >
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={issue.isPending}
          disabled={unsaved}
          title={unsaved ? t("briefings.unsaved") : undefined}
          data-testid="briefing-issue-button"
        >
          {t("briefings.issue")}
        </Button>
      </Popconfirm>
    </>
  );
}

/** On a 409 (changed by someone else, or issued meanwhile) the briefing as it is now replaces the one on screen. */
function useShowLatest() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (error: unknown): boolean => {
    if (!isApiError(error, 409) || !error.current) return false;
    const current = error.current as Briefing;
    queryClient.setQueryData(keys.briefings.detail(current.id), current);
    message.warning(t("briefings.conflict"));
    return true;
  };
}

/**
 * A draft's 下一步工作 as being edited: the text, and the saved text and version it was begun on. A newer version
 * (generated again, or saved elsewhere) is taken over unless the text is being changed — its save then meets a 409
 * and loads the latest, never overwriting the other change unseen.
 */
function useNextStepsDraft(briefing: Briefing) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const showLatest = useShowLatest();
  const save = usePatchBriefing(briefing.id);
  const fresh = (from: Briefing) => ({ text: from.nextSteps, base: from.nextSteps, version: from.version });
  const [state, setState] = useState(() => fresh(briefing));
  const { version, nextSteps } = briefing;
  useEffect(() => {
    setState((prev) =>
      prev.version === version || prev.text !== prev.base ? prev : { text: nextSteps, base: nextSteps, version },
    );
  }, [version, nextSteps]);
  return {
    text: state.text,
    dirty: state.text !== state.base,
    saving: save.isPending,
    setText: (text: string) => setState((prev) => ({ ...prev, text })),
    save: () =>
      save.mutate(
        { nextSteps: state.text, version: state.version },
        {
          onSuccess: (saved) => {
            setState(fresh(saved));
            message.success(t("briefings.saved"));
          },
          onError: (error) => {
            if (showLatest(error) && isApiError(error)) setState(fresh(error.current as Briefing));
            else message.error(errorMessage(error));
          },
        },
      ),
  };
}

/** A draft's 下一步工作: edited in place, saved at the version it was begun on; printed as text. */
function NextStepsEditor({ draft }: { draft: ReturnType<typeof useNextStepsDraft> }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="briefing-editor no-print">
        <Input.TextArea
          value={draft.text}
          onChange={(event) => draft.setText(event.target.value)}
          autoSize={{ minRows: 4, maxRows: 16 }}
          maxLength={NEXT_STEPS_MAX}
          placeholder={t("briefings.nextStepsPlaceholder")}
          aria-label={t("briefings.nextStepsLabel")}
          data-testid="briefing-next-steps-input"
        />
        <div className="briefing-editor-actions">
          <span className="muted">
            {draft.dirty
              ? t("briefings.unsaved")
              : t("briefings.nextStepsCount", { count: draft.text.length, max: NEXT_STEPS_MAX })}
          </span>
          <Button
            type={draft.dirty ? "primary" : "default"}
            disabled={!draft.dirty}
            loading={draft.saving}
            data-testid="briefing-next-steps-save"
            onClick={draft.save}
          >
            {t("briefings.save")}
          </Button>
        </div>
      </div>
      <div className="print-only">
        <NextStepsText text={draft.text} />
      </div>
    </>
  );
}
